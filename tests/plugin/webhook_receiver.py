#!/usr/bin/env python3
"""A real HTTP(S) receiver for the webhook notifier's tests.

usage: webhook_receiver.py LOG [--tls CERT KEY]

Serves on 127.0.0.1 at a free port and prints "PORT <n>" on stdout once it listens. Every request is
appended to LOG as one JSON line {method, path, headers, body}. Answers by path:
  /ok                 200 {}
  /fail-first/N/...   503 to the first N requests for that path, then 200
  /hang               never answers (the handler sleeps until the process is killed)
  /status/CODE        that status, body "status CODE"
  /redirect           302 to /ok
  /wecom              200 {"errcode":0,"errmsg":"ok"}
  /wecom-limited      200 {"errcode":45009,"errmsg":"api freq out of limit"}
  /robot-error        200 {"errcode":310000,"errmsg":"keywords not in content"}
  /dingtalk           checks ?timestamp=&sign= against the secret "SEC-test" (DingTalk's 加签):
                      errcode 0, or errcode 310000 "sign not match"
"""
import base64
import hashlib
import hmac
import http.server
import json
import ssl
import sys
import threading
import time
import urllib.parse

LOG = sys.argv[1]
SECRET = "SEC-test"
lock = threading.Lock()
counts = {}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def answer(self, status, body, headers=()):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        url = urllib.parse.urlsplit(self.path)
        with lock:
            with open(LOG, "a", encoding="utf-8") as f:
                f.write(json.dumps({"method": "POST", "path": self.path, "headers": dict(self.headers.items()),
                                    "body": body}, ensure_ascii=False) + "\n")
            counts[url.path] = counts.get(url.path, 0) + 1
            seen = counts[url.path]
        parts = url.path.strip("/").split("/")
        if url.path == "/ok":
            self.answer(200, "{}")
        elif parts[0] == "fail-first":
            self.answer(503 if seen <= int(parts[1]) else 200, "try later" if seen <= int(parts[1]) else "{}")
        elif url.path == "/hang":
            time.sleep(3600)
        elif parts[0] == "status":
            self.answer(int(parts[1]), "status " + parts[1])
        elif url.path == "/redirect":
            self.answer(302, "", [("Location", "/ok")])
        elif url.path == "/wecom":
            self.answer(200, '{"errcode":0,"errmsg":"ok"}')
        elif url.path == "/wecom-limited":
            self.answer(200, '{"errcode":45009,"errmsg":"api freq out of limit"}')
        elif url.path == "/robot-error":
            self.answer(200, '{"errcode":310000,"errmsg":"keywords not in content"}')
        elif url.path == "/dingtalk":
            query = urllib.parse.parse_qs(url.query)
            ts = query.get("timestamp", [""])[0]
            mac = hmac.new(SECRET.encode(), (ts + "\n" + SECRET).encode(), hashlib.sha256).digest()
            good = query.get("sign", [""])[0] == base64.b64encode(mac).decode()
            fresh = ts.isdigit() and abs(time.time() * 1000 - int(ts)) < 3600 * 1000
            self.answer(200, '{"errcode":0,"errmsg":"ok"}' if good and fresh
                        else '{"errcode":310000,"errmsg":"sign not match"}')
        else:
            self.answer(404, "no such path")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if len(sys.argv) == 5 and sys.argv[2] == "--tls":
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[3], sys.argv[4])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print("PORT", server.server_address[1], flush=True)
server.serve_forever()
