"""churn.py: an allocation-heavy Python program for the drop-in malloc test.

Dicts, lists, sets, strings, bytes and objects built and thrown away in waves (hundreds of MB
allocated over the run, tens live at the peak), then a checksum of everything computed. The output
depends only on the work, so it is the same under every malloc; python.sh compares it between
glibc's malloc and libown-malloc.so. With PYTHONMALLOC=malloc every object goes through malloc.
"""
import hashlib
import json
import sys
import threading


class Node:
    __slots__ = ("key", "children", "payload")

    def __init__(self, key, payload):
        self.key = key
        self.children = []
        self.payload = payload


def build_tree(depth, fanout, seed):
    root = Node(seed, "r" * (seed % 50))
    level = [root]
    for d in range(depth):
        nxt = []
        for node in level:
            for i in range(fanout):
                child = Node(node.key * 31 + i, ("x%d" % i) * (d + 1))
                node.children.append(child)
                nxt.append(child)
        level = nxt
    return root


def tree_sum(root):
    total, stack = 0, [root]
    while stack:
        node = stack.pop()
        total = (total + node.key + len(node.payload)) % (1 << 61)
        stack.extend(node.children)
    return total


def wave(seed, digest):
    # A dict of lists of strings, mutated, grown, sorted and discarded.
    table = {}
    for i in range(40000):
        key = "k%07d" % ((i * 7919 + seed) % 100003)
        table.setdefault(key, []).append(str(i) * (1 + i % 13))
    for key in list(table)[::3]:
        del table[key]
    words = sorted(w for values in table.values() for w in values)
    digest.update("".join(words[::97]).encode())
    # Big strings and bytes built by concatenation and join (realloc growth).
    text = ""
    for i in range(3000):
        text += "line %d of wave %d\n" % (i, seed)
    blob = bytearray()
    for i in range(2000):
        blob += bytes([(i * seed) & 0xFF]) * (i % 700)
    digest.update(text.encode())
    digest.update(hashlib.sha256(blob).digest())
    # JSON round trip: many small objects at once.
    doc = [{"id": i, "tags": ["a%d" % j for j in range(i % 9)], "v": i * 0.5} for i in range(20000)]
    again = json.loads(json.dumps(doc))
    digest.update(str(sum(len(d["tags"]) for d in again)).encode())
    # Sets and tuples, and a tree of objects.
    s = {(i % 1000, i % 777) for i in range(100000)}
    digest.update(str(len(s)).encode())
    digest.update(str(tree_sum(build_tree(6, 6, seed))).encode())


def threaded(digest, count):
    # Threads that allocate at the same time; each result lands in its own slot.
    results = [None] * count

    def work(index):
        local = hashlib.sha256()
        for r in range(3):
            data = {i: [str(i * index)] * (i % 5) for i in range(30000)}
            local.update(repr(sorted(data.items())[:: 101]).encode())
            del data
        results[index] = local.hexdigest()

    workers = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for r in results:
        digest.update(r.encode())


def main():
    digest = hashlib.sha256()
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    if threads:
        threaded(digest, threads)
    else:
        for seed in range(1, 5):
            wave(seed, digest)
    print("churn.py threads=%d checksum %s" % (threads, digest.hexdigest()))


main()
