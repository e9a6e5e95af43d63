#!/usr/bin/env python3
"""REST load on a running platform (Chen's path: one notarization per HTTPS request).

Sets up ORGS organisations (default 2), a consortium and a network through the REST API, then THREADS
threads (default 8) POST notarizations for WARMUP + DURATION seconds and it prints one JSON
line: requests per second, latency p50/p99/max in ms, errors and how busy the machine was.
Usage: ADMIN_PW=<admin password> [BASE=http://127.0.0.1:8080] python3 scripts/rest-load.py
(DURATION=0 stops after the deployment.)
"""
import json, os, sys, threading, time, urllib.request, secrets
BASE = os.environ.get("BASE", "http://127.0.0.1:8080")
ADMIN_PW = os.environ["ADMIN_PW"]
ORGS = int(os.environ.get("ORGS", "2")); THREADS = int(os.environ.get("THREADS", "8")); DURATION = float(os.environ.get("DURATION", "60")); WARMUP = float(os.environ.get("WARMUP", "20"))

def call(method, path, bearer=None, body=None, expected=(200, 201, 202)):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(BASE + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if bearer: req.add_header("Authorization", "Bearer " + bearer)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            text = r.read().decode(); code = r.status
    except urllib.error.HTTPError as e:
        text = e.read().decode(); code = e.code
    if code not in expected: raise RuntimeError(f"{method} {path} -> {code}: {text[:300]}")
    return json.loads(text) if text else None

def login(u, p): return call("POST", "/api/v1/auth/login", body={"username": u, "password": p})["token"]

admin = login("admin", ADMIN_PW)
tag = secrets.token_hex(3)
ids, tokens = [], []
for i in range(1, ORGS + 1):
    name = f"rl{tag}o{i}"
    oid = call("POST", "/api/v1/organizations", admin, {"name": name, "displayName": name})["id"]
    pw = "pw-" + secrets.token_hex(8)
    call("POST", f"/api/v1/organizations/{oid}/members", admin, {"username": name + "-admin", "password": pw, "role": "ADMIN"})
    ids.append(oid); tokens.append(login(name + "-admin", pw))
c = call("POST", "/api/v1/consortia", tokens[0], {"name": "REST load " + tag, "signatureScheme": "ECDSA_P256", "nodesPerOrganization": 1})["id"]
for k in range(1, ORGS):
    call("POST", f"/api/v1/consortia/{c}/invitations", tokens[0], {"organizationId": ids[k]})
    for inv in call("GET", "/api/v1/invitations", tokens[k]):
        if inv.get("consortiumId") == c: call("POST", f"/api/v1/invitations/{inv['id']}/accept", tokens[k])
dep = call("POST", f"/api/v1/consortia/{c}/network/deploy", tokens[0], {})
while True:
    d = call("GET", f"/api/v1/deployments/{dep['id']}", tokens[0])
    if d["status"] in ("SUCCEEDED", "FAILED"): break
    time.sleep(0.5)
print("deployment", d["status"], flush=True)
if DURATION <= 0:
    sys.exit(0)
path = f"/api/v1/consortia/{c}/channels/main/notarizations"
lat, errors, stop, measuring = [], [0], [False], [False]
lock = threading.Lock()
def worker(k):
    tok = tokens[k % 2]
    while not stop[0]:
        t = time.perf_counter()
        try:
            call("POST", path, tok, {"documentHash": secrets.token_hex(32), "metadata": "rest load"})
            ms = (time.perf_counter() - t) * 1e3
            if measuring[0]:
                with lock: lat.append(ms)
        except Exception as e:
            with lock: errors[0] += 1
            print("error", e, flush=True)
ts = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(THREADS)]
[t.start() for t in ts]
time.sleep(WARMUP); measuring[0] = True; t0 = time.time()
cpu0 = open("/proc/stat").readline().split()[1:]
time.sleep(DURATION); measuring[0] = False; el = time.time() - t0
cpu1 = open("/proc/stat").readline().split()[1:]
stop[0] = True; [t.join(70) for t in ts]
lat.sort(); n = len(lat)
busy = lambda v: sum(map(int, v)) - int(v[3]) - int(v[4])
tot = sum(map(int, cpu1)) - sum(map(int, cpu0))
print(json.dumps({"threads": THREADS, "seconds": round(el, 1), "requests": n, "perSecond": round(n / el, 1),
    "p50": round(lat[n // 2], 1), "p99": round(lat[int(n * 0.99)], 1), "max": round(lat[-1], 1), "errors": errors[0],
    "machineBusy": round((busy(cpu1) - busy(cpu0)) / tot, 3)}), flush=True)
