"""Starts moto's server in this process, patched for the local stack.

Run by MotoServer.java as `python3 moto_launcher.py -H 127.0.0.1 -p PORT`; the arguments are
moto_server's own. Going through this file rather than the moto_server script lets the project
patch moto before it serves, and fail with one clear line when moto is missing.

Pinned to moto 5.2.1. The patch below works around getmoto/moto#10077: with Step Functions in
execution mode, StartExecution deep-copies the state machine together with its live executions
(threads, locks) and its backend, so every StartExecution after the first fails with HTTP 500
"cannot pickle '_thread.RLock' object". Upstream fixed it in getmoto/moto PR #10093; drop the
patch when the pin moves to a release that contains that fix.

A second patch makes DynamoDB's conditional writes atomic, as they are on AWS. moto serves
requests on parallel threads, and its DynamoDB backend checks a write's condition and then writes
without a lock, so two concurrent writes conditional on the same version could both succeed. The
service relies on exactly that condition to accept only one of many concurrent revocations.
"""
import copy
import os
import sys
import threading

try:
    import moto
    from moto.server import main
    from moto.stepfunctions.models import StateMachineInstance
    from moto.dynamodb.models import DynamoDBBackend
except ImportError:
    sys.stderr.write("moto is not installed for %s: run  pip install 'moto[server]==5.2.1'\n" % sys.executable)
    sys.exit(3)


def _deepcopy_without_live_state(self, memo):
    """Copies a state machine for a new execution, leaving out what must not be copied.

    The clone starts with no executions of its own and shares the backend, which is what a
    new execution needs: a snapshot of the definition and settings at the moment it starts.
    """
    clone = self.__class__.__new__(self.__class__)
    memo[id(self)] = clone
    for name, value in self.__dict__.items():
        if name == "executions":
            clone.executions = []
        elif name == "backend":
            clone.backend = value
        else:
            setattr(clone, name, copy.deepcopy(value, memo))
    return clone


StateMachineInstance.__deepcopy__ = _deepcopy_without_live_state

_DYNAMODB_WRITES = threading.RLock()


def _atomic(write):
    def locked(*args, **kwargs):
        with _DYNAMODB_WRITES:
            return write(*args, **kwargs)
    return locked


for _name in ("put_item", "update_item", "delete_item", "transact_write_items"):
    setattr(DynamoDBBackend, _name, _atomic(getattr(DynamoDBBackend, _name)))

def _exit_when_parent_goes():
    """The parent JVM holds our stdin open; EOF means it is gone (even if it was killed), so go too."""
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    threading.Thread(target=_exit_when_parent_goes, name="parent-watch", daemon=True).start()
    sys.stderr.write("moto %s on python %s (patched: getmoto/moto#10077, atomic DynamoDB conditional writes)\n" % (moto.__version__, sys.version.split()[0]))
    main(sys.argv[1:])
