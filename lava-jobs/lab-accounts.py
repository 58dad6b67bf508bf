# SPDX-License-Identifier: GPL-2.0
# Accounts of the local LAVA lab, run inside the server's Django shell
# (`lava-server manage shell < lab-accounts.py`) so that no secret is ever
# on a command line: the superuser LAB_USER with the random password read
# from LAB_STATE/admin-password, an API token for it and the worker
# LAB_WORKER, their secrets written to LAB_STATE/user-token and
# LAB_STATE/worker-token (mode 0600). Idempotent: existing ones are kept.
# Prints nothing secret.
import os

from django.contrib.auth.models import User
from lava_scheduler_app.models import Worker
from linaro_django_xmlrpc.models import AuthToken

state = os.environ["LAB_STATE"]
name = os.environ["LAB_USER"]
worker_name = os.environ["LAB_WORKER"]
DESCRIPTION = "luo-stress local lab"


def write_secret(fname, value):
    path = os.path.join(state, fname)
    fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(value + "\n")
    os.chmod(path + ".tmp", 0o600)
    os.rename(path + ".tmp", path)


with open(os.path.join(state, "admin-password"), encoding="utf-8") as f:
    password = f.read().strip()
user, created = User.objects.get_or_create(username=name)
user.is_superuser = True
user.is_staff = True
if created or not user.check_password(password):
    user.set_password(password)
user.save()
token = AuthToken.objects.filter(user=user, description=DESCRIPTION).first()
if token is None:
    token = AuthToken.objects.create(user=user, description=DESCRIPTION)
write_secret("user-token", token.secret)
worker, _ = Worker.objects.get_or_create(hostname=worker_name)
if worker.health != Worker.HEALTH_ACTIVE:
    worker.health = Worker.HEALTH_ACTIVE
    worker.save()
write_secret("worker-token", worker.token)
print("lab accounts: user %s (%s), worker %s" %
      (name, "created" if created else "kept", worker_name))
