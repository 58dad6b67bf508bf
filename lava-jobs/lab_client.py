#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The lab's LAVA client: every lavacli call of the lab scripts and what
they make of its answers, in one place. Which identity (IDENTITY, else the
local lab's LAB_IDENTITY) and its server's URL; a job submitted; one look
at jobs (state, health, device; why a finished job did not complete, or
was lost; why no device can take a queued one; whether a running job's
worker is offline); a finished job fetched; a failed lavacli call turned
into one line naming what is wrong (no such identity, token refused,
server down or unreachable, else lavacli's own last line).

As a command (lava-jobs/lab-common.sh's lab_client): lab_client.py
SUBCOMMAND ARGS, errors as "PROG: error: MESSAGE" on stderr and status 1
(PROG: LAB_PROG, the calling script). Importable for the tests
(tests/lava/test_lab_client.py).

  identity                 the lavacli identity in use
  url                      its server's URL (the RPC URI without /RPC2)
  identity-add ID URI USER TOKEN-FILE
                           write identity ID into lavacli.yaml (0600)
  check                    the server answers (lavacli system version)
  submit JOB.yaml          submit, print the job id
  poll [--worker] JOB...   one look at every job, as bash assignments to
                           the arrays JOB_STATE, JOB_HEALTH, JOB_DEVICE,
                           JOB_ERROR, JOB_LOST, JOB_NODEV, JOB_OFFLINE
                           indexed by job id (lab-common.sh's job_poll)
  fetch JOB DIR            lava.log, results.yaml, job-status.yaml,
                           definition.yaml, run.txt (when DIR has none)
                           and lava-job.txt into DIR; print the health
  devices                  the server's devices, "  device ..." a line
"""

import os
import re
import shutil
import subprocess
import sys

import yaml

# lavacli's failures, by the text it prints (lavacli/__init__.py: "Unable
# to connect: ..." with requests' or the server's reason)
TOKEN_REFUSED = re.compile(r"authentication failed|401 client error|403 client error"
                           r"|unauthori[sz]ed|permission denied", re.I)
UNREACHABLE = re.compile(r"connection refused|failed to establish|name or service not known"
                         r"|timed out|no route to host|unable to connect", re.I)
# a device of one of these healths can take jobs
HEALTHY = ("Good", "Unknown", "Looping")
ENCODING = {"encoding": "utf-8", "errors": "surrogateescape"}


class LavaError(Exception):
    """A failure of the client, as one line saying what is wrong; kind
    names it: identity, token, unreachable, lavacli, job."""

    def __init__(self, message, kind="job"):
        super().__init__(message)
        self.kind = kind


def config_file(env):
    """lavacli's configuration file."""
    return os.path.expanduser(os.path.join(env.get("XDG_CONFIG_HOME", "~/.config"),
                                           "lavacli.yaml"))


def load_config(env):
    """lavacli.yaml as a mapping (empty when there is none)."""
    try:
        with open(config_file(env), **ENCODING) as f:
            conf = yaml.safe_load(f)
    except FileNotFoundError:
        return {}
    return conf if isinstance(conf, dict) else {}


def redact(text):
    """text without the user and token lavacli writes into URLs"""
    return re.sub(r"://[^/@\s]*@", "://", text)


def field(doc, key):
    """a top-level scalar of lavacli's YAML output, "" when absent
    (without trailing newlines, as every value the scripts read)"""
    v = doc.get(key) if isinstance(doc, dict) else None
    return "" if v is None else str(v).rstrip("\n")


def parse(text):
    """lavacli's YAML output; None when it is not YAML"""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def lava_error(results):
    """LAVA's error of a job from its lava/job result (lavacli results JOB
    lava job --yaml): "error_type: error_msg", "" when it names none"""
    r = parse(results)
    r = r[0] if isinstance(r, list) and r else r
    m = r.get("metadata") if isinstance(r, dict) else None
    if not isinstance(m, dict):
        return ""
    return ": ".join(str(x) for x in (m.get("error_type"), m.get("error_msg")) if x).rstrip("\n")


def bash_quote(value):
    """value as one bash word"""
    v = str(value)
    if re.fullmatch(r"[A-Za-z0-9_.,:/+@%=-]+", v):
        return v
    if not re.search(r"[\x00-\x1f\x7f]", v):
        return "'" + v.replace("'", "'\\''") + "'"
    out = []
    for c in v:
        if c in "\\'":
            out.append("\\" + c)
        elif ord(c) < 0x20 or ord(c) == 0x7f:
            out.append("\\x%02x" % ord(c))
        else:
            out.append(c)
    return "$'" + "".join(out) + "'"


def say_stderr(prog):
    """a say(): "PROG: MESSAGE" on stderr, as scripts/common.sh's say"""
    return lambda msg: print("%s: %s" % (prog, msg), file=sys.stderr, flush=True)


class Client:
    """lavacli with one identity. env: the environment (IDENTITY,
    LAB_IDENTITY, XDG_CONFIG_HOME, PATH); say: where warnings go."""

    def __init__(self, env=None, say=None):
        self.env = dict(os.environ if env is None else env)
        self.lab_identity = self.env.get("LAB_IDENTITY", "")
        self.identity = self.env.get("IDENTITY") or self.lab_identity
        self.say = say or say_stderr(self.env.get("LAB_PROG") or "lab_client.py")
        self.calls = 0  # lavacli processes started

    def uri(self):
        """the RPC URI that lavacli has for the identity, "" when none"""
        ident = load_config(self.env).get(self.identity)
        uri = ident.get("uri") if isinstance(ident, dict) else None
        return uri if isinstance(uri, str) else ""

    def url(self):
        """the server's URL: the identity's RPC URI without /RPC2"""
        uri = self.uri()
        return uri[:-len("/RPC2")] if uri.endswith("/RPC2") else uri

    def classify(self, args, out):
        """the LavaError of lavacli ARGS that failed printing OUT"""
        url, ident = self.url(), self.identity
        out = redact(out)
        if not url:
            return LavaError("no lavacli identity '%s' (make lava-lab makes %s; yours: "
                             "lavacli identities add)" % (ident, self.lab_identity), "identity")
        if TOKEN_REFUSED.search(out):
            return LavaError("LAVA server %s refused the token of identity %s (wrong or expired: "
                             "make a new one and lavacli identities add)" % (url, ident), "token")
        if UNREACHABLE.search(out):
            return LavaError("LAVA server %s is down or unreachable (lavacli identity %s)"
                             % (url, ident), "unreachable")
        last = out.split("\n")[-1]
        return LavaError("lavacli %s %s: %s" % (args[0] if args else "",
                                                args[1] if len(args) > 1 else "", last), "lavacli")

    def lava(self, *args):
        """lavacli ARGS with the identity: its output (stdout and stderr,
        without trailing newlines); LavaError when it fails"""
        self.calls += 1
        try:
            p = subprocess.run(["lavacli", "-i", self.identity] + [str(a) for a in args],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, env=self.env, check=False, **ENCODING)
            out, rc = p.stdout.rstrip("\n"), p.returncode
        except OSError as e:
            out, rc = str(e), 127
        if rc != 0:
            raise self.classify([str(a) for a in args], out)
        return out

    def yaml(self, *args):
        """lavacli ARGS --yaml, parsed"""
        return parse(self.lava(*args, "--yaml"))

    def submit(self, path):
        """submit job file PATH: its job id"""
        out = self.lava("jobs", "submit", path)
        if not re.fullmatch(r"[0-9]+", out):
            raise LavaError("the server gave no job id for %s: %s" % (path, redact(out)))
        return out

    def job_end(self, job, doc):
        """why finished job JOB (lavacli jobs show: DOC) did not complete,
        from its lava/job result: (error, lost). error: LAVA's error type
        and message, else the job's failure comment; lost: True when there
        is no such result (lava-run was killed with its worker)."""
        try:
            r = self.lava("results", job, "lava", "job", "--yaml")
        except LavaError:
            r = None
        error, lost = "", False
        if r is not None:
            lost = not re.sub(r"[\s\[\]]", "", r)
            error = lava_error(r)
        error = error or field(doc, "failure_comment")
        return error or "LAVA gave no reason", lost

    def device_check(self, device):
        """the local server's reason for refusing DEVICE's dictionary"""
        try:
            p = subprocess.run(["lava-server", "manage", "devices", "check", device],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, env=self.env, check=False, **ENCODING)
        except OSError:
            return ""
        return " ".join(line[len("  -> "):] for line in p.stdout.split("\n")
                        if line.startswith("  -> "))

    def no_device(self, doc, cache):
        """why no device can take the queued job DOC, "" when one can;
        asked once per device type and tags while CACHE lives"""
        dtype = field(doc, "device_type")
        tags = " ".join(str(t) for t in doc.get("tags") or [])
        key = dtype + "|" + tags
        if key in cache:
            return cache[key]
        devices = self.yaml("devices", "list") or []
        ok, why = False, []
        local = self.identity == self.lab_identity and shutil.which("lava-server", path=self.env.get("PATH"))
        for dev in [d.get("hostname") for d in devices if isinstance(d, dict) and d.get("type") == dtype]:
            dy = self.yaml("devices", "show", dev)
            dy = dy if isinstance(dy, dict) else {}
            if not set(tags.split()) <= set(str(t) for t in dy.get("tags") or []):
                continue
            health = field(dy, "health")
            if health in HEALTHY:
                ok = True
                continue
            reason = self.device_check(dev) if health == "Bad" and local else ""
            why.append("%s is %s%s" % (dev, health, " (%s)" % reason if reason else ""))
        nodev = "" if ok else "no device of type %s%s can run it: %s" % (
            dtype, " with tags " + tags if tags else "", "; ".join(why) or "there is none")
        cache[key] = nodev
        return nodev

    def worker_offline(self, device):
        """the worker of DEVICE when it is offline, else "" (a failed look
        is said and counts as online)"""
        try:
            w = field(self.yaml("devices", "show", device), "worker")
            if w and field(self.yaml("workers", "show", w), "state") == "Offline":
                return w
        except LavaError as e:
            self.say("error: %s" % e)
        return ""

    def status(self, job, cache=None, worker=False):
        """one look at job JOB: state, health, device; for a finished job
        that did not complete error and lost; for a queued one nodev; with
        WORKER for a running one offline (its worker, when offline)"""
        doc = self.yaml("jobs", "show", job)
        doc = doc if isinstance(doc, dict) else {}
        st = {"state": field(doc, "state"), "health": field(doc, "health"),
              "device": field(doc, "device"), "error": "", "lost": False, "nodev": "", "offline": ""}
        if st["state"] == "Finished" and st["health"] != "Complete":
            st["error"], st["lost"] = self.job_end(job, doc)
        elif st["state"] == "Submitted":
            st["nodev"] = self.no_device(doc, {} if cache is None else cache)
        elif worker and st["state"] == "Running" and st["device"]:
            st["offline"] = self.worker_offline(st["device"])
        return st

    def poll(self, jobs, worker=False):
        """one round: every job's status, the no-device answers shared"""
        cache = {}
        return [(job, self.status(job, cache, worker)) for job in jobs]

    def fetch(self, job, d):
        """finished job JOB into directory D; its health"""
        os.makedirs(d, exist_ok=True)
        jy = self.lava("jobs", "show", job, "--yaml")
        doc = parse(jy)
        state, health = field(doc, "state"), field(doc, "health")
        if state != "Finished":
            raise LavaError("job %s is %s, not finished: wait for it first (lava-wait.sh %s)"
                            % (job, state, job))
        write(os.path.join(d, "lava.log"), self.lava("jobs", "logs", "--raw", job))
        results = self.lava("results", job, "--yaml")
        write(os.path.join(d, "results.yaml"), results)
        write(os.path.join(d, "job-status.yaml"), jy)
        definition = self.lava("jobs", "definition", job)
        write(os.path.join(d, "definition.yaml"), definition)
        run = os.path.join(d, "run.txt")
        if not os.path.exists(run):
            # what ran: board, workload and args from the job's metadata (generate.py)
            m = parse(definition)
            m = m.get("metadata") if isinstance(m, dict) else None
            m = m if isinstance(m, dict) else {}
            what = ["%s=%s" % (k, m[k]) for k in ("board", "workload", "args") if k in m]
            if not what:
                self.say("warning: job %s has no luo-stress metadata (board, workload, args): "
                         "run.txt names only the runner" % job)
            write(run, "\n".join(what + ["runner=lava-server job %s at %s" % (job, self.url())]))
        write(os.path.join(d, "lava-job.txt"),
              "lava_job=%s device=%s health=%s failed_results=%d"
              % (job, field(doc, "device"), health, failed_results(results)))
        return health

    def devices(self):
        """the server's devices, as lavacli lists them, "  device " each"""
        return re.sub(r"(?m)^\* ", "  device ", self.lava("devices", "list"))

    def add_identity(self, ident, uri, user, token_file):
        """identity IDENT (URI, USER, the token in TOKEN_FILE) into
        lavacli.yaml, mode 0600, written whole: the token is never an
        argument"""
        path = config_file(self.env)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        conf = load_config(self.env)
        with open(token_file, **ENCODING) as f:
            conf[ident] = {"uri": uri, "username": user, "token": f.read().strip()}
        fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", **ENCODING) as f:
            yaml.safe_dump(conf, f, default_flow_style=False)
        os.chmod(path + ".tmp", 0o600)
        os.rename(path + ".tmp", path)


def failed_results(text):
    """how many of a job's results (lavacli results --yaml) failed"""
    doc = parse(text)
    return sum(1 for r in doc if isinstance(r, dict) and r.get("result") == "fail") \
        if isinstance(doc, list) else 0


def write(path, text):
    """TEXT and a newline into PATH, whole or not at all"""
    with open(path + ".tmp", "w", **ENCODING) as f:
        f.write(text + "\n")
    os.rename(path + ".tmp", path)


def poll_lines(rounds):
    """a poll round as bash assignments to the JOB_* arrays"""
    names = (("JOB_STATE", "state"), ("JOB_HEALTH", "health"), ("JOB_DEVICE", "device"),
             ("JOB_ERROR", "error"), ("JOB_LOST", "lost"), ("JOB_NODEV", "nodev"),
             ("JOB_OFFLINE", "offline"))
    lines = []
    for job, st in rounds:
        st = dict(st, lost="1" if st["lost"] else "")
        lines.append(" ".join("%s[%s]=%s" % (a, job, bash_quote(st[k])) for a, k in names))
    return lines


def job_id(arg):
    """ARG when it is a job id"""
    if not re.fullmatch(r"[0-9]+", arg):
        raise LavaError("'%s' is not a job id" % arg)
    return arg


def main(argv, client=None):
    """the command; its exit status"""
    c = client or Client()
    usage = LavaError("usage: lab_client.py identity|url|check|devices|submit JOB.yaml|"
                      "poll [--worker] JOB...|fetch JOB DIR|identity-add ID URI USER TOKEN-FILE")
    cmd, args = (argv[0], argv[1:]) if argv else ("", [])
    try:
        if cmd == "identity" and not args:
            print(c.identity)
        elif cmd == "url" and not args:
            print(c.url())
        elif cmd == "identity-add" and len(args) == 4:
            c.add_identity(*args)
        elif cmd == "check" and not args:
            c.lava("system", "version")
        elif cmd == "devices" and not args:
            print(c.devices())
        elif cmd == "submit" and len(args) == 1:
            print(c.submit(args[0]))
        elif cmd == "poll":
            worker = bool(args) and args[0] == "--worker"
            jobs = [job_id(a) for a in args[worker:]]
            for line in poll_lines(c.poll(jobs, worker)):
                print(line)
        elif cmd == "fetch" and len(args) == 2:
            print(c.fetch(job_id(args[0]), args[1]))
        else:
            raise usage
    except LavaError as e:
        c.say("error: %s" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
