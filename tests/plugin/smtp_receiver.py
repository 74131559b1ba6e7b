#!/usr/bin/env python3
"""A real SMTP server for the e-mail notifier's tests (Debian's python3-aiosmtpd).

usage: smtp_receiver.py LOG [--starttls CERT KEY | --smtps CERT KEY] [--auth USER PASSWORD]

Serves on 127.0.0.1 at a free port and prints "PORT <n>" on stdout once it listens.
  --starttls  offers STARTTLS with that certificate and requires it before MAIL
  --smtps     speaks TLS from the first byte (implicit TLS, smtps://)
  --auth      requires AUTH (PLAIN or LOGIN) with that user and password (over TLS only)
Every message received is appended to LOG as one JSON line, decoded here by Python's own e-mail
parser so that the tests check what a mail program would show: {mail_from, rcpt_tos, tls, auth,
subject (decoded), body (decoded, LF line ends), headers (decoded) and raw_headers (as sent), by
name, content_type, charset, transfer_encoding, raw}.
Recipients answer by their local part: busy@... 451 (try later), nobody@... 550 (no such mailbox).
"""
import asyncio
import email
import email.policy
import json
import logging
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

LOG = sys.argv[1]
args = sys.argv[2:]
# Quiet: a client that gives up a TLS handshake (as it must when the certificate does not verify)
# is what some tests do on purpose.
logging.getLogger("mail.log").disabled = True
tls_context = None
implicit_tls = False
credentials = None
while args:
    option = args.pop(0)
    if option in ("--starttls", "--smtps"):
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.pop(0), args.pop(0))
        implicit_tls = option == "--smtps"
    elif option == "--auth":
        credentials = (args.pop(0).encode(), args.pop(0).encode())
    else:
        sys.exit("unknown option " + option)


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0]
        if local == "busy":
            return "451 4.3.0 mailbox busy, try again later"
        if local == "nobody":
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        entry = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "auth": session.authenticated is True,
            "subject": str(message["subject"]),
            "body": body.get_content().replace("\r\n", "\n") if body is not None else None,
            "headers": {name: str(value) for name, value in message.items()},
            "raw_headers": {name: value for name, value in message.raw_items()},
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "transfer_encoding": message.get("Content-Transfer-Encoding"),
            "raw": raw.decode("utf-8", "replace"),
        }
        with open(LOG, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return "250 Message accepted for delivery"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == credentials
    return AuthResult(success=ok, handled=False)  # not handled: the server answers 535 itself


def make_session():
    return SMTP(
        Handler(),
        hostname="propdesk-test",
        tls_context=None if implicit_tls else tls_context,
        require_starttls=tls_context is not None and not implicit_tls,
        authenticator=authenticate if credentials else None,
        auth_required=credentials is not None,
        auth_require_tls=True,
    )


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(make_session, "127.0.0.1", 0, ssl=tls_context if implicit_tls else None)
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
