"""`partnerboard [--db DB] COMMAND`: the command line over the same core as the app.

No command opens the app. Expected problems print one line on stderr and exit non-zero;
a bug is logged with its traceback and reported in one line too: never a traceback on screen.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from partnerboard import __version__, gc_policy
from partnerboard.domain.access import Permission
from partnerboard.errors import UserError
from partnerboard.logs import log_file, setup_logging
from partnerboard.registers import command_modules, modules_for

log = logging.getLogger("partnerboard.cli")

# Each module registers its commands; each register's manifest names its modules and the
# commands they add (`partnerboard.registers`), so that a command imports only its own module.
COMMAND_MODULES = command_modules()

EXIT_BUG = 70


def _add_app_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="SQLite file or postgresql:// URL to open (default: PARTNERBOARD_DB, the settings, "
        "or partnerboard.sqlite in your data folder)",
    )
    parser.add_argument(
        "--user",
        metavar="LOGIN",
        help="sign in as LOGIN (needed where the database requires sign-in; default: "
        "PARTNERBOARD_USER; the password is asked for, or read from PARTNERBOARD_PASSWORD)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open the main window, wait until the first page has painted its data, print "
        "'ready <milliseconds>' and exit",
    )


def build_parser(
    modules: Sequence[str] = COMMAND_MODULES, parser_class: type = argparse.ArgumentParser
) -> argparse.ArgumentParser:
    """The command line with every command (or only those `modules` add)."""
    from partnerboard.cli.registry import CommandLine  # noqa: PLC0415  (SQLAlchemy and the models)

    parser = parser_class(
        prog="partnerboard",
        description="Registers, partner workbooks and board papers for a safeguarding partnership. "
        "Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"partnerboard {__version__}")
    _add_app_options(parser)
    cli = CommandLine(parser)
    for name in modules:
        importlib.import_module(name).register(cli)
    return parser


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments of a command, read by a parser holding only the module(s) the command
    needs (a command pays for its own module, not for all of them); the full parser reads
    anything else (--help, a mistake, no command), so its usage and messages are the same."""
    words = sys.argv[1:] if argv is None else list(argv)
    modules = _command_modules(words)
    if modules:
        try:
            return build_parser(modules, _QuietParser).parse_args(words)
        except _NotAppArguments:
            pass  # the full parser reports the mistake, with the full usage
    return build_parser().parse_args(words)


def _command_modules(words: list[str]) -> tuple[str, ...]:
    """The modules adding the command `words` name; () for --help or no (known) command.
    --version before the command is answered here, as the full parser would."""
    if any(word.startswith(("-h", "--h")) for word in words):
        return ()
    parser = _QuietParser(prog="partnerboard", add_help=False)
    parser.add_argument("--version", action="version", version=f"partnerboard {__version__}")
    _add_app_options(parser)
    parser.add_argument("words", nargs=argparse.REMAINDER)
    try:
        args = parser.parse_args(words)
    except _NotAppArguments:
        return ()
    if not args.words:
        return ()
    command, kind = args.words[0], (args.words[1:] or [None])[0]
    return modules_for(command, kind)


def open_from_args(args: argparse.Namespace):  # -> Database
    from partnerboard.cli.sign_in import sign_in_from_args  # noqa: PLC0415
    from partnerboard.db.schema import open_database  # noqa: PLC0415  (SQLAlchemy: only when needed)
    from partnerboard.settings import database_target  # noqa: PLC0415

    # `check` looks at the database as it is: it neither creates, upgrades nor fills one in.
    checking = getattr(args, "permission", None) is Permission.CHECK
    db = open_database(database_target(args.db), create=not checking, upgrade=not checking)
    try:
        sign_in_from_args(db, args)  # sets db.principal (required on a shared server)
        if not checking:
            from partnerboard.services.partnership import ensure_partnership  # noqa: PLC0415

            ensure_partnership(db)
    except BaseException:
        db.close()
        raise
    return db


def _app_arguments(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The arguments when they only open the app, read without loading every command's module
    (a tenth of a second of start-up); None when there is a command, --help or --version."""
    parser = _QuietParser(prog="partnerboard", add_help=False)
    _add_app_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotAppArguments:
        return None  # the full parser reports the mistake, with the full usage
    return None if rest else args


class _NotAppArguments(Exception):
    pass


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        raise _NotAppArguments(message)


def _run(argv: Sequence[str] | None) -> int:
    app_args = _app_arguments(argv)
    if app_args is not None:
        from partnerboard.ui.app import run_app  # noqa: PLC0415  (Qt only for the app)

        return run_app(db_target=app_args.db, smoke=app_args.smoke)  # it turns the GC back on
    args = parse_arguments(argv)  # imports the command's module, its services and the models
    from partnerboard.cli.registry import CommandContext, check_output_argument  # noqa: PLC0415

    # What the imports made lives until the exit: frozen, then the collector runs again for
    # the command's own work (a large import or export makes cycles it must free).
    gc_policy.start_up_over()

    if args.command is None:
        build_parser().error(
            "give a command, or no arguments but --db, --user, --smoke to open the app"
        )
    if args.smoke:
        build_parser().error("--smoke opens the app; give it without a command")
    check_output_argument(args)
    context = CommandContext(args=args, open_db=lambda: open_from_args(args))
    try:
        return args.run(context)
    finally:
        context.close()


def main(argv: Sequence[str] | None = None) -> int:
    gc_policy.pause_for_start_up()  # until the first page has painted, or the command's imports
    setup_logging()
    try:
        return _run(argv)
    except UserError as error:
        print(f"partnerboard: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("partnerboard: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:
        plain = _plain_storage_error(error)
        if plain is not None:  # a full disk, a database locked too long: not a bug
            log.warning("%s", error)
            print(f"partnerboard: {plain}", file=sys.stderr)
            return plain.exit_code
        log.exception("unexpected error")
        print(
            f"partnerboard: unexpected error ({type(error).__name__}: {error}); details in {log_file()}",
            file=sys.stderr,
        )
        return EXIT_BUG
    finally:
        gc_policy.collector_on()


def _plain_storage_error(error: Exception) -> UserError | None:
    from partnerboard.db.storage_errors import database_error  # noqa: PLC0415

    return database_error(error, None)


def gui_main() -> int:
    """Entry of the Windows GUI script: the same as `partnerboard` with its arguments."""
    return main()
