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
writes are serialized, a copy of the items the transaction names is enough to undo it.

A fifth patch keeps a task token's outcome that arrives while the task's own Lambda invocation is
still running. The revocation's hand-over step, run again by the state machine's retry, can find
its attempt already ended and tell its own token so before it returns; AWS accepts that, as the
token is valid from the moment the task is scheduled. moto registers the token before invoking, but
for a task with HeartbeatSeconds it sets up the heartbeat wait only after the invocation returns,
and that wait then listens for the next heartbeat only, never looking at the outcome already
delivered: the run waited until its heartbeat limit (the fault suite's "hand-over step in an
outage", now and then). The wait now returns an outcome already there before it listens.

The rest keep moto's cost per request from growing with the load (the scale run starts hundreds
of executions against thousands of items): a DynamoDB query sorts every item of the table before
it looks at the key, so it now starts from the items with the queried partition key; the Step
Functions interpreter parses every JSONPath anew, and jsonpath-ng builds a fresh LALR parser for
each parse (its tables are not written to disk, so yacc regenerates them under Python's import
lock), so a path is parsed once; the answer to a DynamoDB read is walked member by member against
the service model (a few milliseconds an item), so reads answer with their JSON directly; the
server lists moto's package directory on every request to
find the service, so that list is kept; the line it logs for every request is left out
(moto's log keeps warnings and errors; the local AWS endpoint records every call anyway); and
requests are served by a pool of threads instead of a new thread each. With a thousand waiting
executions (each a thread), starting a thread per request made the accepting thread wait for the
interpreter lock at every connection, and connections queued unaccepted past the SDK's timeouts.

Last, moto leaves a terminal's Ctrl-C to the stack that started it instead of exiting at once in
the middle of the functions' last calls (_exit_unless_interrupted).
"""
import base64
from concurrent.futures import ThreadPoolExecutor
import copy
import datetime
import functools
import inspect
import logging
import os
import signal
import sys
import threading

try:
    import moto
    from moto.server import main
    import moto.server as _moto_server
    from moto import backends as _backends
    from moto.dynamodb.responses import DynamoResult
    from werkzeug.serving import ThreadedWSGIServer
    import json
    from moto.stepfunctions.models import StateMachineInstance
    import moto.stepfunctions.parser.asl.utils.json_path as _sfn_json_path
    import moto.stepfunctions.parser.asl.component.common.path.result_path as _sfn_result_path
    import moto.dynamodb.models as _dynamodb_models
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.table import Table
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_sfn import (
        StateTaskServiceSfn,
    )
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_callback import (
        StateTaskServiceCallback,
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
    while a transaction that keeps its own backup runs; everything else is copied as usual."""

    def deepcopy(self, value, memo=None):
        if isinstance(value, Table) and getattr(_TABLE_BACKUP, "needless", False):
            return value
        return copy.deepcopy(value, memo)

    def __getattr__(self, name):
        return getattr(copy, name)


_dynamodb_models.copy = _CopyUnlessBackupNeedless()


def _touched_items(backend, transact_items):
    """A copy of each item a transaction names, as it is before the transaction: (table, partition
    key, sort key, item or None). None when the transaction's shape is not one this knows."""
    try:
        saved = []
        for entry in transact_items:
            if len(entry) != 1:
                return None
            op_type, op = next(iter(entry.items()))
            table = backend.get_table(op["TableName"])
            if op_type == "Put":
                key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = op["Item"][table.range_key_attr]
            else:
                key = op["Key"]
            partition = DynamoType(key[table.hash_key_attr])
            sort = DynamoType(key[table.range_key_attr]) if table.range_key_attr is not None else None
            saved.append((table, partition, sort, copy.deepcopy(backend.get_item(op["TableName"], key))))
        return saved
    except Exception:
        return None


def _restore(saved):
    """Puts back the items a failed transaction may have written, last first."""
    for table, partition, sort, item in reversed(saved):
        if sort is None:
            if item is None:
                table.items.pop(partition, None)
            else:
                table.items[partition] = item
            continue
        items = table.items[partition]
        if item is None:
            items.pop(sort, None)
        else:
            items[sort] = item
        if not items:
            del table.items[partition]


_transact_write_items = DynamoDBBackend.transact_write_items


def _transact_backing_up_only_its_items(self, transact_items):
    """moto backs up every table a transaction touches, a deep copy of the whole table, in case an
    item fails: a cost that grows with the table (thousands of items make each transaction take
    seconds, and under load the retries of timed-out transactions, whose conditions then fail,
    made it worse). Writes are serialized (below), so a copy of just the items the transaction
    names is enough to undo it; moto's own path runs for any transaction this cannot read.
    """
    saved = _touched_items(self, transact_items)
    if saved is None:
        return _transact_write_items(self, transact_items)
    _TABLE_BACKUP.needless = True
    try:
        return _transact_write_items(self, transact_items)
    except Exception:
        _restore(saved)
        raise
    finally:
        _TABLE_BACKUP.needless = False


DynamoDBBackend.transact_write_items = _transact_backing_up_only_its_items

for _name in ("put_item", "update_item", "delete_item", "transact_write_items"):
    setattr(DynamoDBBackend, _name, _atomic(getattr(DynamoDBBackend, _name)))

_QUERY_CANDIDATES = threading.local()
_all_items = Table.all_items
_query = Table.query
_QUERY_SIGNATURE = inspect.signature(_query)


def _partition_items(table, arguments):
    """The items a query can match: those with the queried partition key, found without sorting the
    table; None when the query's shape is not one this knows (then moto's own path runs)."""
    index_name = arguments.get("index_name")
    if not index_name:
        partition = table.items.get(arguments["hash_key"])
        if partition is None:
            return []
        return list(partition.values()) if table.range_key_attr else [partition]
    conditions = arguments.get("hash_key_conditions")
    if not conditions:
        return None
    matching = []
    for partition in table.items.values():
        for item in (partition.values() if table.range_key_attr else [partition]):
            if all(_attribute_equals(item, name, value) for name, value in conditions):
                matching.append(item)
    return matching


def _attribute_equals(item, name, value):
    actual = item.attrs.get(name)
    if actual is None or actual.type != value.type:
        return False
    # Strings compare as they are; moto's own == first converts both sides (numbers need that).
    return actual.value == value.value if value.type == "S" else actual == value


def _all_items_or_candidates(self):
    candidates = getattr(_QUERY_CANDIDATES, "items", None)
    return _all_items(self) if candidates is None else candidates


def _query_from_partition(self, *args, **kwargs):
    """moto's query, reading only the queried partition: it still filters and sorts as before, over
    fewer items (its all_items() is answered with them while this query runs)."""
    bound = _QUERY_SIGNATURE.bind(self, *args, **kwargs)
    _QUERY_CANDIDATES.items = _partition_items(self, bound.arguments)
    try:
        return _query(self, *args, **kwargs)
    finally:
        _QUERY_CANDIDATES.items = None


Table.all_items = _all_items_or_candidates
Table.query = _query_from_partition

# Reads only: their answers are items, counts and keys, which the JSON protocol writes as they are
# (binary values base64, no timestamps); other operations keep moto's serializer.
_PLAIN_JSON_READS = frozenset({"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"})
_serialize_dynamo_result = DynamoResult.execute_result


def _plain_json(value):
    if isinstance(value, dict):
        return {k: _plain_json(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain_json(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    return value


def _dynamo_read_as_json(self, context):
    if context.operation_model.name not in _PLAIN_JSON_READS or isinstance(self.result, Exception):
        return _serialize_dynamo_result(self, context)
    body = json.dumps(_plain_json(self.result), separators=(",", ":"))
    return 200, {"Content-Type": "application/x-amz-json-1.0"}, body


DynamoResult.execute_result = _dynamo_read_as_json

_normalise_sfn_parameters = StateTaskServiceSfn._normalise_parameters


def _sfn_api_member_names(self, parameters, boto_service_name=None, service_action_name=None):
    _normalise_sfn_parameters(self, parameters, boto_service_name, service_action_name)
    for name in [n for n in parameters if n[:1].isupper()]:
        parameters[name[0].lower() + name[1:]] = parameters.pop(name)


StateTaskServiceSfn._normalise_parameters = _sfn_api_member_names

_wait_for_heartbeats = StateTaskServiceCallback._wait_for_task_token_heartbeat


def _outcome_already_sent_or_wait(self, env, callback_endpoint, heartbeat_endpoint):
    """An outcome sent during the task's own invocation, before the heartbeat wait was set up, is the
    task's outcome; otherwise wait as moto does (any later outcome also wakes the heartbeat wait)."""
    outcome = callback_endpoint.get_outcome()
    if outcome is not None:
        return outcome
    return _wait_for_heartbeats(self, env, callback_endpoint, heartbeat_endpoint)


StateTaskServiceCallback._wait_for_task_token_heartbeat = _outcome_already_sent_or_wait


# A parsed JSONPath is immutable (find() only reads it), so one parse per distinct path serves every
# execution; the cache is bounded by the paths in the state machines' definitions.
_sfn_json_path.parse = functools.lru_cache(maxsize=4096)(_sfn_json_path.parse)
_sfn_result_path.parse = functools.lru_cache(maxsize=4096)(_sfn_result_path.parse)

_MOTO_MODULES = tuple(_backends.list_of_moto_modules())
_backends.list_of_moto_modules = lambda: _MOTO_MODULES


# Each connection carries one request (the server always closes it), so a worker is busy for one
# request; 32 is far more than the two cores here can serve at once.
_REQUEST_WORKERS = ThreadPoolExecutor(max_workers=32, thread_name_prefix="moto-request")


def _process_request_in_pool(self, request, client_address):
    _REQUEST_WORKERS.submit(self.process_request_thread, request, client_address)


ThreadedWSGIServer.process_request = _process_request_in_pool


_exit_on_signal = _moto_server.signal_handler


def _exit_unless_interrupted(signum, frame):
    """moto's server exits on SIGINT and SIGTERM alike. But Ctrl-C in a terminal signals every
    process of its group, this one too, and dying at once would fail the calls the stack's functions
    are still making while it stops: the stack stops moto itself once they have ended
    (MotoServer.close, SIGTERM), and the parent watch below ends moto if the JVM goes without that."""
    if signum != signal.SIGINT:
        _exit_on_signal(signum, frame)


_moto_server.signal_handler = _exit_unless_interrupted


def _exit_when_parent_goes():
    """The parent JVM holds our stdin open; EOF means it is gone (even if it was killed), so go too."""
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    threading.Thread(target=_exit_when_parent_goes, name="parent-watch", daemon=True).start()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    sys.stderr.write("moto %s on python %s (patched: getmoto/moto#10077, atomic DynamoDB conditional writes, startExecution parameter names, task outcomes sent during the invocation, transactions without table copies, queries by partition, reads answered as JSON, parsed JSONPaths and module list kept, pooled request threads)\n" % (moto.__version__, sys.version.split()[0]))
    main(sys.argv[1:])
