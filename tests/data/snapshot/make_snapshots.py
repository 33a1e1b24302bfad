#!/usr/bin/env python3
"""Writes the small snapshot pickles of tests/parsers/tst_snapshotimporter.cpp (each is also a
seed of the fuzz_snapshot corpus). Plain pickle.dumps of plain data, protocol 4 like PyTorch,
except where a case is about the encoding. Run from anywhere; writes beside this script:

    python3 tests/data/snapshot/make_snapshots.py
"""
import collections
import os
import pickle

HERE = os.path.dirname(os.path.abspath(__file__))
F1 = {'name': 'forward', 'filename': 'model.py', 'line': 12}
F2 = {'name': 'torch::unwind::unwind()', 'filename': '??', 'line': 0}
F3 = {'name': 'main', 'filename': 'train.py', 'line': 99}


def entry(action, addr, size, t=None, frames=None, **extra):
    e = {'action': action, 'addr': addr, 'size': size, 'stream': 0}
    if t is not None:
        e['time_us'] = t
    if frames is not None:
        e['frames'] = frames
    e.update(extra)
    return e


def segment(address, blocks, device=0, total=None, **extra):
    s = {'device': device, 'address': address,
         'total_size': total if total is not None else sum(b['size'] for b in blocks),
         'allocated_size': 0, 'active_size': 0, 'requested_size': 0, 'stream': 0,
         'segment_type': 'large', 'segment_pool_id': (0, 0), 'is_expandable': False,
         'frames': [F2, F1], 'blocks': blocks}
    s.update(extra)
    return s


def block(address, size, state='active_allocated', frames=None):
    return {'address': address, 'size': size, 'requested_size': size - 1, 'state': state,
            'frames': frames if frames is not None else [F1, F3]}


CASES = {
    # Not snapshots at all.
    'top_list': [1, 2, 3],
    'top_int': 7,
    'no_keys': {'foo': 1, 'bar': [1]},
    'segments_not_list': {'segments': 5, 'device_traces': []},
    # Snapshots with bad parts: skipped with a reason, the rest imported.
    'negative_sizes': {
        'segments': [segment(0x1000, [block(0x1000, 512)], total=-4096),
                     segment(0x10000, [block(0x10000, -5), block(0x10200, 512)], total=4096),
                     segment(0x20000, [block(0x20000, 256)])],
        'device_traces': [[entry('alloc', 0x20000, -3), entry('alloc', 0x20000, 256),
                           entry('free_requested', 0x20000, 256)]]},
    'free_before_alloc': {
        'segments': [],
        'device_traces': [[entry('free_requested', 0xA000, 64, 1700000000000001, [F1]),
                           entry('free_completed', 0xA000, 64, 1700000000000002, [F1]),
                           entry('alloc', 0xB000, 64, 1700000000000003, [F1, F3]),
                           entry('free_requested', 0xB000, 64, 1700000000000004, [F1, F3]),
                           entry('free_completed', 0xB000, 64, 1700000000000005, [F1, F3]),
                           entry('segment_free', 0xC000, 4096, 1700000000000006)]]},
    # PyTorch 2.0: blocks carry history and no address; addresses follow from order.
    'legacy_blocks': {
        'segments': [{'device': 0, 'address': 0x7F0000000000, 'total_size': 3072,
                      'allocated_size': 1024, 'active_size': 1024, 'requested_size': 1000,
                      'stream': 0, 'segment_type': 'small',
                      'blocks': [{'size': 1024, 'requested_size': 1000, 'state': 'active_allocated',
                                  'history': [{'addr': 0x7F0000000000, 'real_size': 1000,
                                               'frames': [F3]}]},
                                 {'size': 512, 'requested_size': 0, 'state': 'inactive',
                                  'history': []},
                                 {'size': 1536, 'requested_size': 1536,
                                  'state': 'active_pending_free',
                                  'history': [{'addr': 0x7F0000000600, 'real_size': 1536,
                                               'frames': [F1, F3]}]}]}],
        'device_traces': [[entry('snapshot', 0, 1024)]]},
    # Addresses >= 2^63 (LONG1 of 9 bytes), as pytorch/pytorch#115234 saw in the field.
    'long1_address': {
        'segments': [segment(0xFFFF800000000000, [block(0xFFFF800000000000, 2048),
                                                  block(0xFFFF800000000800, 2048, 'inactive')])],
        'device_traces': [[entry('segment_alloc', 0xFFFF800000000000, 4096, 1700000000000000),
                           entry('alloc', 0xFFFF800000000000, 2048, 1700000000000001, [F1]),
                           entry('free_requested', 0xFFFFFFFFFFFFFF00, 16, 1700000000000002)]]},
    # Every action, a second device, annotations, allocator settings, categories.
    'all_actions': {
        'segments': [segment(0x4000, [block(0x4000, 1024), block(0x4400, 1024, 'inactive')]),
                     segment(0x90000, [block(0x90000, 4096, 'active_pending_free')], device=1,
                             is_expandable=True)],
        'device_traces': [
            [entry('segment_alloc', 0x4000, 2048, 10, [F2, F1]),
             entry('alloc', 0x4000, 1024, 11, [F2, F1], category='activation'),
             entry('free_requested', 0x4000, 1024, 12, [F2, F1]),
             entry('free_completed', 0x4000, 1024, 13, [F2, F1]),
             entry('segment_map', 0x8000, 2097152, 14, [F3]),
             entry('segment_unmap', 0x8000, 2097152, 15, [F3]),
             entry('oom', 0, 1 << 40, 16, [F1], device_free=12345),
             entry('snapshot', 0, 0, 17),
             entry('segment_free', 0x4000, 2048, 18)],
            [],
            [entry('alloc', 0x90000, 4096, 20, [F1]), entry('teleport', 0x1, 1, 21)],
        ],
        'allocator_settings': {'PYTORCH_CUDA_ALLOC_CONF': 'expandable_segments:True',
                               'max_split_size': -1, 'garbage_collection_threshold': 0.5,
                               'expandable_segments': True,
                               'roundup_power2_divisions': {'1': 0, '2': 4}},
        'external_annotations': [
            {'stage': 'START', 'name': 'Optimizer.step#AdamW.step', 'device': 0, 'time_us': 11},
            {'stage': 'END', 'name': 'Optimizer.step#AdamW.step', 'device': 0, 'time_us': 16},
            {'stage': 'MIDDLE', 'name': 'x', 'device': 0, 'time_us': 12}]},
    # Missing device_traces: a warning, segments imported.
    'segments_only': {'segments': [segment(0x5000, [block(0x5000, 128)])]},
    # Items of the wrong type inside an otherwise good snapshot.
    'wrong_items': {
        'segments': [7, segment(0x6000, [block(0x6000, 64), 'x', block(0x9000, 64)], total=64)],
        'device_traces': [[5, {'addr': 1, 'size': 1}, entry('alloc', 'str', 1),
                           entry('alloc', 0x6000, 64, 'later', [F1, 3])], 'not a list']},
}


def main():
    for name, value in CASES.items():
        with open(os.path.join(HERE, name + '.pickle'), 'wb') as f:
            pickle.dump(value, f, protocol=4)
    # A pickle that names a Python global: the safe reader must refuse it.
    with open(os.path.join(HERE, 'global_refused.pickle'), 'wb') as f:
        pickle.dump(collections.OrderedDict(segments=[]), f, protocol=4)
    # Truncated mid-stream.
    data = pickle.dumps(CASES['all_actions'], protocol=4)
    with open(os.path.join(HERE, 'truncated.pickle'), 'wb') as f:
        f.write(data[:len(data) // 2])


if __name__ == '__main__':
    main()
