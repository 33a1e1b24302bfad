#!/usr/bin/env python3
"""Writes a synthetic memory snapshot of about SIZE_MB megabytes, shaped like
torch.cuda.memory._dump_snapshot() output: protocol 4, frame dicts shared (memoized) between
entries, each entry with its own list of 40-150 frame references, LONG1 addresses and time_us.
For measuring the pickle reader, not for the test suite:

    python3 tests/data/pickle/make_big_snapshot.py 1000 /tmp/big.pickle
"""
import pickle
import random
import sys


def main():
    size_mb = float(sys.argv[1])
    out = sys.argv[2]
    rnd = random.Random(5)
    files = ['/opt/conda/lib/python3.11/site-packages/torch/nn/modules/module%d.py' % i
             for i in range(150)] + ['??'] * 50
    frames = [{'name': 'frame_function_%d' % i, 'filename': rnd.choice(files),
               'line': rnd.randrange(0, 3000)} for i in range(30000)]
    stacks = [[rnd.randrange(len(frames)) for _ in range(rnd.randrange(40, 150))]
              for _ in range(5000)]
    per_entry = 540  # bytes the pickle spends per entry, measured
    n = int(size_mb * 1e6 / per_entry)
    actions = ['alloc', 'free_requested', 'free_completed']
    entries = []
    t = 1719000000000000
    for i in range(n):
        stack = stacks[(i // 3) % len(stacks)]
        entries.append({'action': actions[i % 3], 'addr': 0x7F0000000000 + 512 * (i // 3),
                        'size': 512 * (1 + i % 4096), 'stream': 0, 'time_us': t + i,
                        'frames': [frames[k] for k in stack]})
    segments = []
    for s in range(1000):
        blocks = [{'address': 0x7E0000000000 + (s << 24) + (b << 20), 'size': 1 << 20,
                   'requested_size': (1 << 20) - b, 'state': 'active_allocated',
                   'frames': [frames[k] for k in stacks[(s * 8 + b) % len(stacks)]]}
                  for b in range(8)]
        segments.append({'device': 0, 'address': 0x7E0000000000 + (s << 24),
                         'total_size': 8 << 20, 'allocated_size': 8 << 20, 'active_size': 8 << 20,
                         'requested_size': 8 << 20, 'stream': 0, 'segment_type': 'large',
                         'segment_pool_id': (0, 0), 'is_expandable': False, 'frames': [],
                         'blocks': blocks})
    snapshot = {'segments': segments, 'device_traces': [entries],
                'allocator_settings': {'PYTORCH_CUDA_ALLOC_CONF': '', 'max_split_size': -1,
                                       'garbage_collection_threshold': 0.0},
                'external_annotations': []}
    with open(out, 'wb') as f:
        pickle.dump(snapshot, f, protocol=4)


if __name__ == '__main__':
    main()
