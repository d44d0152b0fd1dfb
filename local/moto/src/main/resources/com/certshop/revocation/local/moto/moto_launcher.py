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

A third patch lets a state machine start another one (the bulk revocation's machine starts each
item's run with the `states:startExecution` integration). moto's interpreter hands the task's
parameters to botocore as the ASL names them (StateMachineArn, Name, Input), but the Step Functions
API's members are lower camel case (stateMachineArn, name, input), so botocore fails with
KeyError 'StateMachineArn' and the task with States.Runtime. The patch renames the top-level
parameters as AWS's integration does.

A fourth patch keeps a DynamoDB transaction's cost independent of the table's size. Before each
TransactWriteItems moto deep-copies every table it touches, to restore it if an item fails; with a
few thousand certificates each transition took seconds (the scale run, README: Benchmark). As
writes are serialized, a transaction whose items are distinct and whose conditions all hold when
it starts cannot fail, so it runs without that copy; any other runs moto's own path unchanged.
"""
import copy
import os
import sys
import threading

try:
    import moto
    from moto.server import main
    from moto.stepfunctions.models import StateMachineInstance
    import moto.dynamodb.models as _dynamodb_models
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.table import Table
    from moto.dynamodb.comparisons import get_filter_expression
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_sfn import (
        StateTaskServiceSfn,
    )
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


_TABLE_BACKUP = threading.local()


class _CopyUnlessBackupNeedless:
    """The `copy` module as moto's DynamoDB backend sees it: a table's deep copy is the table itself
    while the transaction under way needs no backup; everything else is copied as usual."""

    def deepcopy(self, value, memo=None):
        if isinstance(value, Table) and getattr(_TABLE_BACKUP, "needless", False):
            return value
        return copy.deepcopy(value, memo)

    def __getattr__(self, name):
        return getattr(copy, name)


_dynamodb_models.copy = _CopyUnlessBackupNeedless()


def _conditions_hold(backend, transact_items):
    """True when every item of a transaction names a distinct item and every condition holds now.

    Checked the way moto's transact_write_items checks them; any doubt answers False.
    """
    try:
        seen = set()
        for entry in transact_items:
            if len(entry) != 1:
                return False
            op_type, op = next(iter(entry.items()))
            table = backend.get_table(op["TableName"])
            if op_type == "Put":
                key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = op["Item"][table.range_key_attr]
            else:
                key = op["Key"]
            unique = (op["TableName"], str(dict(sorted(key.items()))))
            if unique in seen:
                return False
            seen.add(unique)
            if op.get("ConditionExpression") is not None:
                condition = get_filter_expression(op["ConditionExpression"], op.get("ExpressionAttributeNames"),
                                                  op.get("ExpressionAttributeValues"))
                if not condition.expr(backend.get_item(op["TableName"], key)):
                    return False
        return True
    except Exception:
        return False


_transact_write_items = DynamoDBBackend.transact_write_items


def _transact_backing_up_only_when_needed(self, transact_items):
    """moto backs up every table a transaction touches, a deep copy of the whole table, in case
    an item fails; a cost that grows with the table (thousands of items make each transaction take
    seconds). Writes are serialized (below), so when every condition holds at the start and the
    items are distinct, none can fail and the backup is skipped; otherwise moto's own path runs.
    """
    if not _conditions_hold(self, transact_items):
        return _transact_write_items(self, transact_items)
    _TABLE_BACKUP.needless = True
    try:
        return _transact_write_items(self, transact_items)
    finally:
        _TABLE_BACKUP.needless = False


DynamoDBBackend.transact_write_items = _transact_backing_up_only_when_needed

for _name in ("put_item", "update_item", "delete_item", "transact_write_items"):
    setattr(DynamoDBBackend, _name, _atomic(getattr(DynamoDBBackend, _name)))

_normalise_sfn_parameters = StateTaskServiceSfn._normalise_parameters


def _sfn_api_member_names(self, parameters, boto_service_name=None, service_action_name=None):
    _normalise_sfn_parameters(self, parameters, boto_service_name, service_action_name)
    for name in [n for n in parameters if n[:1].isupper()]:
        parameters[name[0].lower() + name[1:]] = parameters.pop(name)


StateTaskServiceSfn._normalise_parameters = _sfn_api_member_names


def _exit_when_parent_goes():
    """The parent JVM holds our stdin open; EOF means it is gone (even if it was killed), so go too."""
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    threading.Thread(target=_exit_when_parent_goes, name="parent-watch", daemon=True).start()
    sys.stderr.write("moto %s on python %s (patched: getmoto/moto#10077, atomic DynamoDB conditional writes, startExecution parameter names, transactions without table copies)\n" % (moto.__version__, sys.version.split()[0]))
    main(sys.argv[1:])
