"""A real SMTP server for the e-mail tests: aiosmtpd (Debian python3-aiosmtpd) on 127.0.0.1, a free port, storing
every message it accepts in a Maildir (aiosmtpd.handlers.Mailbox adds X-Peer, X-MailFrom and X-RcptTo).

Usage: smtp-server.py MAILDIR [--user NAME --password SECRET | --reject-logins]
Prints "READY <port>" once it listens; runs until killed or stdin closes.
"""
import argparse
import asyncio
import sys

from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import SMTP, AuthResult


def authenticator_for(args):
    if args.reject_logins:
        return lambda server, session, envelope, mechanism, auth_data: AuthResult(success=False, handled=False)
    if args.user is None:
        return None

    def check(server, session, envelope, mechanism, auth_data):
        login = getattr(auth_data, "login", b"") or b""
        password = getattr(auth_data, "password", b"") or b""
        ok = login.decode("utf-8", "replace") == args.user and password.decode("utf-8", "replace") == args.password
        return AuthResult(success=ok, handled=False)

    return check


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("maildir")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--reject-logins", action="store_true")
    args = parser.parse_args()
    handler = Mailbox(args.maildir)
    authenticator = authenticator_for(args)
    loop = asyncio.get_running_loop()

    def factory():
        if authenticator is None:
            return SMTP(handler, hostname="refreshbot-test-smtp")
        return SMTP(handler, hostname="refreshbot-test-smtp", authenticator=authenticator,
                    auth_required=True, auth_require_tls=False)

    server = await loop.create_server(factory, "127.0.0.1", 0)
    print("READY %d" % server.sockets[0].getsockname()[1], flush=True)
    # Stop when the test process goes away (stdin closes).
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


asyncio.run(main())
