"""moto's server, with DynamoDB's writes applied one at a time, as DynamoDB applies an item's writes.

moto checks a write's condition and then applies it in two steps, and its server answers each request on a thread
of its own, so two concurrent conditional writes of the same item can both pass: seen once as two scans that both
wrote `opened` for one target (test/integration/state/store.test.ts). One lock around the backend's write calls
restores the guarantee the store relies on; reads stay concurrent. Run like moto_server, with the same arguments.
"""
import functools
import sys
import threading

from moto.dynamodb.models import DynamoDBBackend
from moto.server import main

_writes = threading.RLock()


def _one_at_a_time(write):
    @functools.wraps(write)
    def locked(*args, **kwargs):
        with _writes:
            return write(*args, **kwargs)

    return locked


for _name in ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item"):
    setattr(DynamoDBBackend, _name, _one_at_a_time(getattr(DynamoDBBackend, _name)))

if __name__ == "__main__":
    sys.exit(main())
