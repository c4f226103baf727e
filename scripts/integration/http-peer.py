#!/usr/bin/env python3
"""A loopback HTTP(S) peer for privacyidea-http.sh, which runs it (not a suite itself).

Usage: http-peer.py PORTFILE LOGFILE MODE [CERT KEY]
MODE: empty (an empty token list for every request), redirect (302 to /elsewhere for every
request), huge (a 2 MiB body). Writes the port it bound to PORTFILE, each request's method and
path to LOGFILE, and serves until killed.
"""
import http.server
import json
import ssl
import sys

port_file, log_file, mode = sys.argv[1:4]
EMPTY = json.dumps({"result": {"status": True, "value": {"count": 0, "tokens": []}}}).encode()


class Peer(http.server.BaseHTTPRequestHandler):
    def answer(self):
        with open(log_file, "a") as log:
            log.write(f"{self.command} {self.path}\n")
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if mode == "redirect" and self.path != "/elsewhere":
            self.send_response(302)
            self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"x" * (2 << 20) if mode == "huge" else EMPTY
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = answer
    do_POST = answer

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Peer)
if len(sys.argv) == 6:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[4], sys.argv[5])
    server.socket = context.wrap_socket(server.socket, server_side=True)
with open(port_file, "w") as out:
    out.write(str(server.server_address[1]))
server.serve_forever()
