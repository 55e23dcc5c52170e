"""A deliberately vulnerable web app for lamina's post-deploy tests; never expose it.

    python3 vuln_server.py PORT_FILE [--hang]

Listens on 127.0.0.1 on a free port and writes the port to PORT_FILE once it accepts
connections. "/" links to "/search?q=hello", which echoes q unescaped (a reflected XSS); no
response sets Content-Security-Policy, X-Frame-Options or X-Content-Type-Options. With --hang it
accepts connections and never answers, like a deployment stuck at startup.
"""
import http.server
import os
import socket
import sys
import urllib.parse


class VulnerableApp(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        body = '<html><body><a href="/search?q=hello">search</a>'
        if url.path == "/search":
            query = urllib.parse.parse_qs(url.query).get("q", [""])[0]
            body += "<p>You searched: %s</p>" % query  # the XSS: no escaping
        body += "</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


def announce(port, port_file):
    # Written under another name and renamed, so a reader never sees half a number.
    with open(port_file + ".tmp", "w") as out:
        out.write(str(port))
    os.rename(port_file + ".tmp", port_file)


def hang(port_file):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    announce(listener.getsockname()[1], port_file)
    held = []
    while True:
        connection, _ = listener.accept()
        held.append(connection)  # kept open, never read or answered


def main():
    port_file = sys.argv[1]
    if "--hang" in sys.argv[2:]:
        hang(port_file)
    server = http.server.HTTPServer(("127.0.0.1", 0), VulnerableApp)
    announce(server.server_address[1], port_file)
    server.serve_forever()


main()
