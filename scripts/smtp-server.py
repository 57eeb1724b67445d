#!/usr/bin/env python3
"""A real SMTP server on loopback for scripts/smtp-check: aiosmtpd requiring STARTTLS and then AUTH, writing each
accepted message to a folder as JSON. Stops by itself after --seconds."""
import argparse
import json
import os
import ssl
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--cert", required=True)
parser.add_argument("--key", required=True)
parser.add_argument("--mailbox", required=True)
parser.add_argument("--user", required=True)
parser.add_argument("--password", required=True)
parser.add_argument("--seconds", type=int, default=300)
args = parser.parse_args()


class Mailbox:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        Mailbox.count += 1
        record = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "authenticated": session.authenticated,
            "data": envelope.content.decode("utf-8", "replace"),
        }
        path = os.path.join(args.mailbox, f"{Mailbox.count:04d}.json")
        with open(path + ".tmp", "w") as out:
            json.dump(record, out)
        os.rename(path + ".tmp", path)
        return "250 2.0.0 accepted"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == args.user.encode()
        and auth_data.password == args.password.encode()
    )
    return AuthResult(success=ok, handled=False)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(args.cert, args.key)
controller = Controller(
    Mailbox(),
    hostname="127.0.0.1",
    port=args.port,
    server_hostname="localhost",
    tls_context=context,
    require_starttls=True,
    authenticator=authenticate,
    auth_required=True,
)
controller.start()
print(f"smtp-server: listening on 127.0.0.1:{args.port}", flush=True)
try:
    time.sleep(args.seconds)
finally:
    controller.stop()
