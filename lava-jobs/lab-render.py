# SPDX-License-Identifier: GPL-2.0
# Render a device on the LAVA server as the scheduler does for a job, run
# inside the server's Django shell (`lava-server manage shell <
# lab-render.py`): the device's dictionary with the job's context
# (Device.load_configuration), then the server's own checks: the job
# against its submission schema (validate_submission) and the rendered
# device against the device schema (validate_device). Writes the rendered
# device to RENDER_OUT; prints one line: "ok" or "error: <why>".
import os

import yaml
from lava_scheduler_app.models import Device
from lava_scheduler_app.schema import validate_device, validate_submission


def main():
    with open(os.environ["RENDER_JOB"], encoding="utf-8") as f:
        job = yaml.safe_load(f)
    try:
        validate_submission(job)
    except Exception as exc:  # SubmissionException carries voluptuous' text
        return "error: the job fails the server's submission check: %s" % exc
    device = Device.objects.get(hostname=os.environ["RENDER_DEVICE"])
    text = device.load_configuration(job_ctx=job.get("context", {}),
                                     output_format="yaml")
    if text is None:
        return "error: the device dictionary does not render (template missing or broken)"
    try:
        validate_device(yaml.safe_load(text))
    except Exception as exc:
        return "error: the rendered device fails the server's device check: %s" % exc
    with open(os.environ["RENDER_OUT"], "w", encoding="utf-8") as f:
        f.write(text)
    return "ok"


print(main())
