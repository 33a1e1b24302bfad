#!/usr/bin/env python3
"""Independent reference for tst_snapshotimporter: what a PyTorch memory snapshot should import
as, computed with CPython's own pickle module (restricted: no globals) and no code shared with
the C++ importer. Prints one JSON object:

    snapshot_reference.py SNAPSHOT.pickle

error         true when the file is no readable snapshot (no counts then)
segments      segments imported: a dict with device 0..4095, an int address, sizes ints in
              0..2^56 (total_size required), not wrapping past 2^64
blocks        blocks of those segments with a size in range, an address (given, or segment
              address + preceding sizes in the 2.0 layout) inside their segment
memory_events device-trace entries imported: dicts with a known action, an int addr and a size
              in range (headless "memory_events"; equals every entry in a well-formed file)
entries       every device-trace entry, imported or not
frames        distinct (name, filename, line) among the frames of imported items
devices       distinct devices of imported segments and entries
annotations   external annotations with stage START/END, a str name, a device and a time
before_trace  frees (free_requested/free_completed/segment_free) with no alloc before them
timed         imported entries with a usable time_us
addr_sum      sum of the addresses of imported segments, blocks and entries, mod 2^64
"""
import json
import pickle
import sys

MAX_MEM = 1 << 56
MAX_DEV = 4096
ACTIONS = {'alloc', 'free_requested', 'free_completed', 'segment_alloc', 'segment_free',
           'segment_map', 'segment_unmap', 'oom', 'snapshot'}
MAX_ABS_US = (1 << 62) // 1000


class Restricted(pickle.Unpickler):
    def find_class(self, module, name):
        raise pickle.UnpicklingError('global %s.%s refused' % (module, name))


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def u64(v):
    return is_int(v) and 0 <= v < (1 << 64)


def size_ok(v):
    return is_int(v) and 0 <= v <= MAX_MEM


class Counts:
    def __init__(self):
        self.frames = set()
        self.devices = set()
        self.addr_sum = 0

    def stack(self, frames):
        if not isinstance(frames, (list, tuple)):
            return
        for f in frames[:4096]:
            if not isinstance(f, dict):
                continue
            name = f.get('name') if isinstance(f.get('name'), str) else ''
            file = f.get('filename') if isinstance(f.get('filename'), str) else ''
            line = f.get('line')
            line = line if is_int(line) and -(1 << 31) <= line < (1 << 31) else 0
            self.frames.add((name, file, line))


def main(path):
    try:
        with open(path, 'rb') as f:
            doc = Restricted(f).load()
    except Exception:
        return {'error': True}
    if not isinstance(doc, dict) or ('segments' not in doc and 'device_traces' not in doc):
        return {'error': True}
    segs = doc.get('segments', [])
    traces = doc.get('device_traces', [])
    if not isinstance(segs, list) or not isinstance(traces, list):
        return {'error': True}
    c = Counts()
    n_segs = n_blocks = 0
    for s in segs:
        if not isinstance(s, dict):
            continue
        dev, addr = s.get('device'), s.get('address')
        if not (is_int(dev) and 0 <= dev < MAX_DEV and u64(addr)):
            continue
        total = s.get('total_size')
        if not size_ok(total) or any(k in s and not size_ok(s[k]) for k in
                                     ('allocated_size', 'active_size', 'requested_size')):
            continue
        if addr + total >= 1 << 64:
            continue
        n_segs += 1
        c.devices.add(dev)
        c.addr_sum += addr
        c.stack(s.get('frames'))
        offset, known = 0, True
        blocks = s.get('blocks', [])
        for b in blocks if isinstance(blocks, (list, tuple)) else []:
            if not isinstance(b, dict):
                known = False
                continue
            size = b.get('size')
            baddr = b.get('address')
            have = u64(baddr) or known
            if not u64(baddr):
                baddr = addr + offset
            if size_ok(size):
                offset += size
            else:
                known = False
            if not size_ok(size) or ('requested_size' in b and not size_ok(b['requested_size'])):
                continue
            if not have or baddr < addr or baddr + size > addr + total:
                continue
            n_blocks += 1
            c.addr_sum += baddr
            frames = b.get('frames')
            if 'frames' not in b and isinstance(b.get('history'), (list, tuple)) and b['history']:
                last = b['history'][-1]
                frames = last.get('frames') if isinstance(last, dict) else None
            c.stack(frames)
    events = entries = before = timed = 0
    for dev, trace in enumerate(traces):
        if not isinstance(trace, (list, tuple)):
            continue
        entries += len(trace)
        if dev >= MAX_DEV:
            continue
        live, live_segs = {}, set()
        for e in trace:
            if not isinstance(e, dict) or e.get('action') not in ACTIONS:
                continue
            if not u64(e.get('addr')) or not size_ok(e.get('size')):
                continue
            a, addr = e['action'], e['addr']
            events += 1
            c.devices.add(dev)
            c.addr_sum += addr
            t = e.get('time_us')
            if is_int(t) and -MAX_ABS_US < t < MAX_ABS_US:
                timed += 1
            if a == 'alloc':
                live[addr] = False
            elif a == 'free_requested':
                if live.setdefault(addr, True):
                    before += 1
            elif a == 'free_completed':
                if live.pop(addr, True):
                    before += 1
            elif a == 'segment_alloc':
                live_segs.add(addr)
            elif a == 'segment_free':
                if addr in live_segs:
                    live_segs.discard(addr)
                else:
                    before += 1
            c.stack(e.get('frames'))
    anns = 0
    ann_list = doc.get('external_annotations', [])
    for a in ann_list if isinstance(ann_list, (list, tuple)) else []:
        if not isinstance(a, dict):
            continue
        t = a.get('time_us')
        d = a.get('device')
        if a.get('stage') in ('START', 'END') and isinstance(a.get('name'), str) and \
                is_int(d) and 0 <= d < MAX_DEV and \
                (t is None or (is_int(t) and -MAX_ABS_US < t < MAX_ABS_US)):
            anns += 1
    return {'error': False, 'segments': n_segs, 'blocks': n_blocks, 'memory_events': events,
            'entries': entries, 'frames': len(c.frames), 'devices': len(c.devices),
            'annotations': anns, 'before_trace': before, 'timed': timed,
            'addr_sum': c.addr_sum % (1 << 64)}


if __name__ == '__main__':
    print(json.dumps(main(sys.argv[1])))
