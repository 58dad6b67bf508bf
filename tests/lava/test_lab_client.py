#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Unit tests of the lab's LAVA client (lava-jobs/lab_client.py), through a
stand-in lavacli (and lava-server) that answers with what the real ones
printed: tests/fixtures/lavacli/ (tests/fixtures/capture-lavacli.sh) and
the jobs fetched from the local lab's server,
tests/fixtures/lava-server-qemu-x86_64-*/. The real server's path is
tests/lava/run.sh (make lava-lab-check). Run by make unit; ends with
"lab-client: N passed, N failed"."""

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "lava-jobs"))
import lab_client  # noqa: E402 (after the path)

FX = os.path.join(TOP, "tests", "fixtures")
CAP = os.path.join(FX, "lavacli")
PASS = os.path.join(FX, "lava-server-qemu-x86_64-pass")
CORRUPT = os.path.join(FX, "lava-server-qemu-x86_64-corrupt")
LAB = "luo-stress-lab"
URL = "http://127.0.0.1:8000"

# the stand-in: answers lavacli ARGS (after -i ID) from the table in
# $STANDIN_TABLE, {"ARGS": [FILE, STATUS]}, logs every call to $STANDIN_LOG
STANDIN = r'''#!/usr/bin/python3
import json, os, sys
args = sys.argv[1:]
if args[:1] == ["-i"]:
    args = args[2:]
with open(os.environ["STANDIN_LOG"], "a") as log:
    log.write("%s %s\n" % (os.path.basename(sys.argv[0]), " ".join(args)))
table = json.load(open(os.environ["STANDIN_TABLE"]))
key = " ".join(args)
if key not in table:
    print("stand-in: no answer for %s" % key)
    sys.exit(1)
path, rc = table[key]
sys.stdout.write(open(path, encoding="utf-8", errors="surrogateescape").read())
sys.exit(rc)
'''


def cap(name):
    """a captured lavacli answer: (its file, its exit status)"""
    path = os.path.join(CAP, name)
    with open(path + ".rc", encoding="utf-8") as f:
        return path, int(f.read())


def read(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return f.read()


class StandIn(unittest.TestCase):
    """A client whose lavacli and lava-server are stand-ins answering
    from self.answers ({ARGS: (file, status)})."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        bindir = os.path.join(self.tmp, "bin")
        os.makedirs(bindir)
        for prog in ("lavacli", "lava-server"):
            path = os.path.join(bindir, prog)
            with open(path, "w", encoding="utf-8") as f:
                f.write(STANDIN)
            os.chmod(path, 0o755)
        xdg = os.path.join(self.tmp, "xdg")
        os.makedirs(xdg)
        with open(os.path.join(xdg, "lavacli.yaml"), "w", encoding="utf-8") as f:
            f.write("%s:\n  uri: %s/RPC2\n  username: luo-stress\n  token: t0k3n\n" % (LAB, URL))
            f.write("down:\n  uri: http://127.0.0.1:8009/RPC2\n")
        self.log = os.path.join(self.tmp, "calls")
        self.table = os.path.join(self.tmp, "table.json")
        self.answers = {}
        self.said = []
        self.env = {"PATH": bindir + os.pathsep + os.environ["PATH"], "XDG_CONFIG_HOME": xdg,
                    "LAB_IDENTITY": LAB, "IDENTITY": "", "STANDIN_LOG": self.log,
                    "STANDIN_TABLE": self.table}

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def client(self, **env):
        with open(self.table, "w", encoding="utf-8") as f:
            json.dump(self.answers, f)
        return lab_client.Client(dict(self.env, **env), say=self.said.append)

    def answer(self, args, text, rc=0):
        """lavacli ARGS answers TEXT with status RC"""
        path = os.path.join(self.tmp, "answer-%d" % len(self.answers))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        self.answers[args] = (path, rc)

    def calls(self):
        try:
            return read(self.log).splitlines()
        except FileNotFoundError:
            return []


class Identity(StandIn):
    def test_default_is_the_lab(self):
        c = self.client()
        self.assertEqual(c.identity, LAB)
        self.assertEqual(c.url(), URL)

    def test_identity_chosen(self):
        c = self.client(IDENTITY="down")
        self.assertEqual(c.identity, "down")
        self.assertEqual(c.url(), "http://127.0.0.1:8009")

    def test_unknown_identity_has_no_url(self):
        self.assertEqual(self.client(IDENTITY="nosuch").url(), "")

    def test_no_config_file(self):
        self.assertEqual(self.client(XDG_CONFIG_HOME=self.tmp + "/none").url(), "")

    def test_identity_added_0600_others_kept(self):
        token = os.path.join(self.tmp, "token")
        with open(token, "w", encoding="utf-8") as f:
            f.write("s3cr3t\n")
        c = self.client()
        c.add_identity("new", "http://127.0.0.1:7000/RPC2", "u", token)
        path = os.path.join(self.env["XDG_CONFIG_HOME"], "lavacli.yaml")
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        conf = lab_client.load_config(self.env)
        self.assertEqual(conf["new"], {"uri": "http://127.0.0.1:7000/RPC2", "username": "u",
                                       "token": "s3cr3t"})
        self.assertIn(LAB, conf)
        self.assertEqual(self.client(IDENTITY="new").url(), "http://127.0.0.1:7000")


class Errors(StandIn):
    """lavacli's real failures, one line each naming what is wrong"""

    def fails(self, name, ident=LAB, args=("jobs", "show", "1")):
        self.answers[" ".join(args)] = cap(name)
        with self.assertRaises(lab_client.LavaError) as e:
            self.client(IDENTITY=ident).lava(*args)
        return e.exception

    def test_server_down(self):
        e = self.fails("error-refused.txt", "down")
        self.assertEqual(e.kind, "unreachable")
        self.assertEqual(str(e), "LAVA server http://127.0.0.1:8009 is down or unreachable "
                         "(lavacli identity down)")

    def test_host_unknown(self):
        self.assertEqual(self.fails("error-nohost.txt").kind, "unreachable")

    def test_server_silent(self):
        self.assertEqual(self.fails("error-timeout.txt").kind, "unreachable")

    def test_token_refused(self):
        e = self.fails("error-token.txt")
        self.assertEqual(e.kind, "token")
        self.assertEqual(str(e), "LAVA server %s refused the token of identity %s (wrong or "
                         "expired: make a new one and lavacli identities add)" % (URL, LAB))

    def test_unknown_identity(self):
        e = self.fails("error-identity.txt", "nosuch")
        self.assertEqual(e.kind, "identity")
        self.assertEqual(str(e), "no lavacli identity 'nosuch' (make lava-lab makes %s; "
                         "yours: lavacli identities add)" % LAB)

    def test_other_failure_is_lavacli_last_line(self):
        e = self.fails("error-nojob.txt", args=("jobs", "show", "999999"))
        self.assertEqual(e.kind, "lavacli")
        last = read(cap("error-nojob.txt")[0]).rstrip("\n").split("\n")[-1]
        self.assertEqual(str(e), "lavacli jobs show: " + last)

    def test_no_token_in_messages(self):
        for name in ("error-refused.txt", "error-token.txt", "error-nojob.txt"):
            text = read(cap(name)[0])
            self.assertNotIn("t0k3n", str(self.client().classify(["jobs", "show"], text)))
        self.assertEqual(lab_client.redact("http://luo-stress:t0k3n@127.0.0.1:8000/RPC2 and "
                                           "https://u:p@h/x"), "http://127.0.0.1:8000/RPC2 and https://h/x")

    def test_output_without_trailing_newlines(self):
        self.answers["devices list"] = cap("devices-list.yaml")
        out = self.client().lava("devices", "list")
        self.assertEqual(out, read(cap("devices-list.yaml")[0]).rstrip("\n"))


class Submit(StandIn):
    def test_job_id(self):
        self.answer("jobs submit job.yaml", "17\n")
        self.assertEqual(self.client().submit("job.yaml"), "17")

    def test_rejected_job(self):
        self.answers["jobs submit job.yaml"] = cap("error-submit.txt")
        with self.assertRaises(lab_client.LavaError) as e:
            self.client().submit("job.yaml")
        said = read(cap("error-submit.txt")[0]).rstrip("\n")
        self.assertEqual(str(e.exception), "the server gave no job id for job.yaml: " + said)


class Status(StandIn):
    def show(self, job, path):
        self.answers["jobs show %s --yaml" % job] = (path, 0)

    def empty(self, args):
        """lavacli ARGS answers an empty list, as yaml.dump([]) prints it"""
        self.answer(args, "[]\n")

    def bad_device(self, *jobs):
        """JOBS queued for tags luo-bad, whose one device is Bad"""
        for job in jobs:
            self.show(job, cap("job-queued.yaml")[0])
        self.answers["devices list --yaml"] = cap("devices-list-bad.yaml")
        self.answers["devices show luo-bad-01 --yaml"] = cap("device-bad.yaml")
        self.answers["manage devices check luo-bad-01"] = (os.path.join(CAP, "device-check-bad.txt"), 1)
        for dev in ("qemu-x86_64-01", "qemu-x86_64-02", "qemu-arm64-01"):
            self.answers["devices show %s --yaml" % dev] = cap("device-good.yaml")

    def test_complete_is_one_lavacli(self):
        self.show(12, os.path.join(PASS, "job-status.yaml"))
        st = self.client().status("12")
        self.assertEqual((st["state"], st["health"], st["device"]),
                         ("Finished", "Complete", "qemu-x86_64-02"))
        self.assertEqual((st["error"], st["lost"], st["nodev"]), ("", False, ""))
        self.assertEqual(self.calls(), ["lavacli jobs show 12 --yaml"])

    def test_incomplete_names_lava_error(self):
        self.show(5, cap("job-incomplete.yaml")[0])
        self.answers["results 5 lava job --yaml"] = cap("job-incomplete-result.yaml")
        st = self.client().status("5")
        self.assertEqual((st["state"], st["health"]), ("Finished", "Incomplete"))
        # LAVA's error type and message, the message's closing newline dropped
        self.assertEqual(st["error"], "Job: Invalid job data: [\"Resource unavailable at "
                         "'http://127.0.0.1:8002/no-such-set/Image' (404)\", \"Resource unavailable "
                         "at 'http://127.0.0.1:8002/no-such-set/ramdisk.cpio' (404)\"]")
        self.assertFalse(st["lost"])

    def test_lost_without_result(self):
        self.show(5, cap("job-incomplete.yaml")[0])
        self.empty("results 5 lava job --yaml")
        st = self.client().status("5")
        self.assertTrue(st["lost"])
        self.assertEqual(st["error"], lab_client.field(lab_client.parse(
            read(cap("job-incomplete.yaml")[0])), "failure_comment") or "LAVA gave no reason")

    def test_result_unreadable_falls_back(self):
        self.show(5, cap("job-incomplete.yaml")[0])
        self.answers["results 5 lava job --yaml"] = cap("error-nojob.txt")
        st = self.client().status("5")
        self.assertFalse(st["lost"])
        self.assertTrue(st["error"])

    def test_complete_result_has_no_error(self):
        self.assertEqual(lab_client.lava_error(read(cap("job-complete-result.yaml")[0])), "")

    def test_queued_for_a_bad_device(self):
        self.bad_device(7)
        st = self.client().status("7")
        self.assertEqual(st["state"], "Submitted")
        # the local lab's reason: the server's own check of the dictionary
        self.assertEqual(st["nodev"], "no device of type qemu with tags luo-bad can run it: "
                         "luo-bad-01 is Bad (invalid configuration ['device_info'] expected a list)")

    def test_queued_elsewhere_no_reason(self):
        # another identity is not the local lab: the server is not asked why
        self.bad_device(7)
        st = self.client(IDENTITY="other", LAB_IDENTITY=LAB).status("7")
        self.assertEqual(st["nodev"], "no device of type qemu with tags luo-bad can run it: "
                         "luo-bad-01 is Bad")
        self.assertNotIn("lava-server manage devices check luo-bad-01", self.calls())

    def test_queued_for_no_device_at_all(self):
        self.show(7, cap("job-queued.yaml")[0])
        self.empty("devices list --yaml")
        st = self.client().status("7")
        self.assertEqual(st["nodev"], "no device of type qemu with tags luo-bad can run it: "
                         "there is none")

    def test_queued_with_a_good_device(self):
        self.show(7, cap("job-queued.yaml")[0])
        self.answers["devices list --yaml"] = cap("devices-list.yaml")
        for d in lab_client.parse(read(cap("devices-list.yaml")[0])):
            self.answers["devices show %s --yaml" % d["hostname"]] = cap("device-good.yaml")
        doc = dict(lab_client.parse(read(cap("job-queued.yaml")[0])), tags=["qemu-x86_64"])
        self.assertEqual(self.client().no_device(doc, {}), "")

    def test_one_round_asks_devices_once(self):
        self.bad_device(7, 8)
        self.show(12, os.path.join(PASS, "job-status.yaml"))
        rounds = self.client().poll(["7", "8", "12"])
        self.assertEqual(rounds[0][1]["nodev"], rounds[1][1]["nodev"])
        self.assertEqual(sum(c.startswith("lavacli devices list") for c in self.calls()), 1)
        self.assertEqual(sum(c.startswith("lava-server ") for c in self.calls()), 1)

    def test_worker_online(self):
        # the completed job as it was while it ran; its worker, then offline
        self.answer("jobs show 12 --yaml", read(os.path.join(PASS, "job-status.yaml")).replace(
            "state: Finished", "state: Running"))
        self.answers["devices show qemu-x86_64-02 --yaml"] = cap("device-good.yaml")
        self.answers["workers show luo-stress-lab --yaml"] = cap("worker.yaml")
        self.assertEqual(self.client().status("12", worker=True)["offline"], "")
        self.answer("workers show luo-stress-lab --yaml",
                    read(cap("worker.yaml")[0]).replace("state: Online", "state: Offline"))
        self.assertEqual(self.client().status("12", worker=True)["offline"], "luo-stress-lab")
        # without --worker, no look at the worker
        n = len(self.calls())
        self.client().status("12")
        self.assertEqual(len(self.calls()), n + 1)


class Poll(StandIn):
    def test_bash_assignments(self):
        st = {"state": "Finished", "health": "Incomplete", "device": "qemu-x86_64-01",
              "error": "Job: it's \"odd\"\nsecond line $HOME `x`", "lost": True, "nodev": "", "offline": ""}
        lines = lab_client.poll_lines([("9", st)])
        script = ("declare -A JOB_STATE JOB_HEALTH JOB_DEVICE JOB_ERROR JOB_LOST JOB_NODEV JOB_OFFLINE\n"
                  + "\n".join(lines) + '\nprintf "%s|" "${JOB_STATE[9]}" "${JOB_HEALTH[9]}" '
                  '"${JOB_DEVICE[9]}" "${JOB_ERROR[9]}" "${JOB_LOST[9]}" "${JOB_NODEV[9]}"\n')
        out = subprocess.run(["bash", "-c", script], stdout=subprocess.PIPE, check=True,
                             encoding="utf-8").stdout
        self.assertEqual(out, "Finished|Incomplete|qemu-x86_64-01|%s|1||" % st["error"])

    def test_cli_poll_one_process_per_round(self):
        for job in ("12", "13"):
            self.answers["jobs show %s --yaml" % job] = (os.path.join(
                PASS if job == "12" else CORRUPT, "job-status.yaml"), 0)
        self.client()
        p = subprocess.run([sys.executable, os.path.join(TOP, "lava-jobs", "lab_client.py"),
                            "poll", "12", "13"], env=self.env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, check=False, encoding="utf-8")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(len(p.stdout.splitlines()), 2)
        self.assertIn("JOB_HEALTH[13]=Complete", p.stdout)
        self.assertEqual(self.calls(), ["lavacli jobs show 12 --yaml", "lavacli jobs show 13 --yaml"])

    def test_cli_error_is_one_line_and_status_1(self):
        self.answers["jobs show 1 --yaml"] = cap("error-token.txt")
        self.client()
        p = subprocess.run([sys.executable, os.path.join(TOP, "lava-jobs", "lab_client.py"),
                            "poll", "1"], env=dict(self.env, LAB_PROG="lava-wait.sh"),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False,
                           encoding="utf-8")
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout, "")
        self.assertEqual(p.stderr.count("\n"), 1)
        self.assertTrue(p.stderr.startswith("lava-wait.sh: error: LAVA server %s refused the token" % URL))

    def test_not_a_job_id(self):
        self.assertEqual(lab_client.main(["poll", "1;rm"], self.client()), 1)
        self.assertEqual(self.said, ["error: '1;rm' is not a job id"])


class Fetch(StandIn):
    def answer(self, fixture):
        self.answers["jobs show 12 --yaml"] = (os.path.join(fixture, "job-status.yaml"), 0)
        self.answers["jobs logs --raw 12"] = (os.path.join(fixture, "lava.log"), 0)
        self.answers["results 12 --yaml"] = (os.path.join(fixture, "results.yaml"), 0)
        definition = os.path.join(self.tmp, "definition.yaml")
        subprocess.run([os.path.join(TOP, "lava-jobs", "generate.py"), "--board", "qemu-x86_64",
                        "--workload", "stress-files", "--args", "--cycles 2",
                        "--kernel-url", "http://127.0.0.1:8002/check/qemu-x86_64/Image",
                        "--ramdisk-url", "http://127.0.0.1:8002/check/qemu-x86_64/ramdisk.cpio",
                        "--tags", "qemu-x86_64", "--out", definition], check=True)
        self.answers["jobs definition 12"] = (definition, 0)
        return definition

    def test_files_as_the_server_gave_them(self):
        definition = self.answer(PASS)
        out = os.path.join(self.tmp, "out")
        self.assertEqual(self.client().fetch("12", out), "Complete")
        for name in ("lava.log", "results.yaml", "job-status.yaml"):
            self.assertEqual(read(os.path.join(out, name)), read(os.path.join(PASS, name)), name)
        self.assertEqual(read(os.path.join(out, "definition.yaml")), read(definition))
        self.assertEqual(read(os.path.join(out, "run.txt")),
                         "board=qemu-x86_64\nworkload=stress-files\nargs=--cycles 2\n"
                         "runner=lava-server job 12 at %s\n" % URL)
        self.assertEqual(read(os.path.join(out, "lava-job.txt")),
                         "lava_job=12 device=qemu-x86_64-02 health=Complete failed_results=0\n")
        self.assertEqual(self.said, [])
        self.assertFalse([f for f in os.listdir(out) if f.endswith(".tmp")])

    def test_failed_results_counted(self):
        self.answer(CORRUPT)
        out = os.path.join(self.tmp, "out")
        self.client().fetch("12", out)
        with open(os.path.join(CORRUPT, "results.yaml"), encoding="utf-8") as f:
            want = sum(1 for line in f if line.strip() == "result: fail")
        self.assertGreater(want, 0)
        self.assertIn(" failed_results=%d\n" % want, read(os.path.join(out, "lava-job.txt")))

    def test_run_txt_kept(self):
        self.answer(PASS)
        out = os.path.join(self.tmp, "out")
        os.makedirs(out)
        with open(os.path.join(out, "run.txt"), "w", encoding="utf-8") as f:
            f.write("board=mine\n")
        self.client().fetch("12", out)
        self.assertEqual(read(os.path.join(out, "run.txt")), "board=mine\n")

    def test_no_metadata_warns(self):
        self.answer(PASS)
        self.answers["jobs definition 12"] = (os.path.join(PASS, "job-status.yaml"), 0)
        out = os.path.join(self.tmp, "out")
        self.client().fetch("12", out)
        self.assertEqual(read(os.path.join(out, "run.txt")), "runner=lava-server job 12 at %s\n" % URL)
        self.assertEqual(self.said, ["warning: job 12 has no luo-stress metadata (board, workload, "
                                     "args): run.txt names only the runner"])

    def test_not_finished(self):
        self.answers["jobs show 7 --yaml"] = cap("job-queued.yaml")
        with self.assertRaises(lab_client.LavaError) as e:
            self.client().fetch("7", os.path.join(self.tmp, "out"))
        self.assertEqual(str(e.exception), "job 7 is Submitted, not finished: wait for it first "
                         "(lava-wait.sh 7)")


class Devices(StandIn):
    def test_lab_status_lines(self):
        # as the lab's server listed them (make lava-lab's last lines)
        self.answer("devices list", "Devices:\n* qemu-x86_64-01 (qemu): Idle,Good\n"
                    "* qemu-arm64-01 (qemu): Idle,Good\n")
        self.assertEqual(self.client().devices(), "Devices:\n  device qemu-x86_64-01 (qemu): Idle,Good\n"
                         "  device qemu-arm64-01 (qemu): Idle,Good")


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=int(os.environ.get("VERBOSE", "1"))).result
    failed = len(result.failures) + len(result.errors)
    print("lab-client: %d passed, %d failed" % (result.testsRun - failed, failed))
    sys.exit(1 if failed else 0)
