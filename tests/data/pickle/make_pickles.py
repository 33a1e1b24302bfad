#!/usr/bin/env python3
"""Writes the pickle reader's test files (tests/parsers/tst_picklereader.cpp reads them).

    python3 tests/data/pickle/make_pickles.py [--samples ../shared/samples/pytorch]

valid/NAME.pickle + valid/NAME.expected: pickles the reader must accept, and the canonical text
  of what CPython's own pickle.loads(..., encoding="bytes") makes of them (the form of
  ts::parsers::appendCanonical: floats as IEEE bits, sets as lists in stream order, ...).
hostile/NAME.pickle + hostile/expected.tsv: inputs the reader must refuse: name, a text the
  error must contain, the byte offset it must name (-1: not checked).
samples.tsv: with --samples, SHA-256 and length of the canonical text of each real snapshot.
Deterministic: running it again rewrites the same bytes.
"""
import hashlib
import os
import pickle
import pickletools
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


# --- canonical text (must match appendCanonical in parsers/pickle/picklevalue.cpp) ------------

def quote(prefix, raw):
    out = [prefix, '"']
    for c in raw:
        out.append('\\x%02x' % c if c < 0x20 or c > 0x7E or c in (0x5C, 0x22) else chr(c))
    out.append('"')
    return ''.join(out)


def canon(o, out):
    if o is None:
        out.append('None')
    elif o is True:
        out.append('True')
    elif o is False:
        out.append('False')
    elif isinstance(o, int):
        if -2**63 <= o < 2**64:
            out.append(str(o))
        else:
            out.append('L:' + pickle.encode_long(o).hex())
    elif isinstance(o, float):
        out.append('f:%016x' % struct.unpack('<Q', struct.pack('<d', o))[0])
    elif isinstance(o, str):
        out.append(quote('s', o.encode('utf-8', 'surrogatepass')))
    elif isinstance(o, (bytes, bytearray)):
        out.append(quote('b', bytes(o)))
    elif isinstance(o, (list, set, frozenset)):
        out.append('[')
        for i, x in enumerate(o):
            if i:
                out.append(',')
            canon(x, out)
        out.append(']')
    elif isinstance(o, tuple):
        out.append('(')
        for i, x in enumerate(o):
            if i:
                out.append(',')
            canon(x, out)
        out.append(')')
    elif isinstance(o, dict):
        out.append('{')
        for i, (k, v) in enumerate(o.items()):
            if i:
                out.append(',')
            canon(k, out)
            out.append(':')
            canon(v, out)
        out.append('}')
    else:
        raise TypeError(type(o))
    return out


def canonical(o):
    return ''.join(canon(o, []))


# --- helpers for hand-made streams -------------------------------------------------------------

def op(name):
    return bytes([next(o.code for o in pickletools.opcodes if o.name == name).encode('latin-1')[0]])


P4 = b'\x80\x04'


def short_str(s):
    b = s.encode()
    return op('SHORT_BINUNICODE') + bytes([len(b)]) + b


def long1(v):
    b = pickle.encode_long(v)
    return op('LONG1') + bytes([len(b)]) + b


# --- valid files -------------------------------------------------------------------------------

def frame(i):
    return {'name': 'fn%d' % (i % 7), 'filename': '/src/model.py', 'line': 100 + i % 7}


def snapshot_like(n_entries, timed=True):
    frames = [frame(i) for i in range(7)]
    actions = ['alloc', 'free_requested', 'free_completed']
    entries = []
    for i in range(n_entries):
        entry = {'action': actions[i % 3], 'addr': 0x7F0000000000 + 512 * i,
                 'size': 512 * (i % 13 + 1), 'stream': 0, 'time_us': 1719000000000000 + i,
                 'frames': frames[i % 3:i % 3 + 4]}
        if not timed:
            del entry['time_us']  # PyTorch before 2.1 records no times
        entries.append(entry)
    if not timed:
        # Where the caching allocator gave up: an oom entry (device_free: what cudaMemGetInfo said).
        entries.append({'action': 'oom', 'addr': 0, 'size': 8 << 30, 'stream': 0,
                        'device_free': 1 << 20, 'frames': frames[:2]})
    return {'segments': [{'device': 0, 'address': 0x7F0000000000, 'total_size': 2 << 20,
                          'segment_type': 'large', 'segment_pool_id': (0, 0),
                          'is_expandable': False, 'blocks': [
                              {'address': 0x7F0000000000, 'size': 1 << 20,
                               'requested_size': 1000000, 'state': 'active_allocated',
                               'frames': frames[:2]}]}],
            'device_traces': [entries, []],
            'allocator_settings': {'garbage_collection_threshold': 0.8, 'max_split_size': -1,
                                   'roundup_power2_divisions': {'1': 1, '2': 2}}}


def scalars():
    return {'none': None, 't': True, 'f': False, 'i1': 7, 'i2': 300, 'i4': -5, 'i4b': 2**31 - 1,
            'neg': -2**31, 'l5': 2**35, 'lneg': -2**40, 'i64max': 2**63 - 1,
            'i64min': -2**63, 'u64': 2**63, 'u64max': 2**64 - 1, 'big': 2**64,
            'bigneg': -2**63 - 1, 'huge': 3**200, 'float': 0.1, 'nan': float('inf'),
            'negzero': -0.0, 'unicode': 'h\u00e9llo \u2603 \U0001F600', 'empty': '',
            'quote': 'a"b\\c\n', 'small': 134217727, 'small_neg': -134217728,
            'past_small': 134217728, 'past_small_neg': -134217729}


def containers():
    t = (1, 2)
    return {'empty_list': [], 'empty_dict': {}, 'empty_tuple': (), 't1': (1,), 't2': t,
            't3': (1, 2, 3), 't5': (1, 2, 3, 4, 5), 'nested': [[[[]]]], 'shared_t': [t, t],
            'list': [1, 'x', None], 'int_keys': {1: 'a', 2: 'b'}}


def valid_files():
    files = {}
    for proto in (2, 3, 4, 5):
        files['scalars-p%d' % proto] = pickle.dumps(scalars(), proto)
        files['containers-p%d' % proto] = pickle.dumps(containers(), proto)
        files['snapshot-p%d' % proto] = pickle.dumps(snapshot_like(40), proto)
    files['snapshot-untimed-p4'] = pickle.dumps(snapshot_like(40, timed=False), 4)
    for proto in (3, 4, 5):
        files['bytes-p%d' % proto] = pickle.dumps({'b': b'\x00\xff', 'b300': bytes(300)}, proto)
    for proto in (4, 5):
        files['sets-p%d' % proto] = pickle.dumps({'s': {1, 2, 3}, 'fs': frozenset({4, 5}),
                                                  'e': set()}, proto)
    files['bytearray-p5'] = pickle.dumps([bytearray(b'ab')], 5)
    # Batches: lists and dicts of more than 1000 items arrive in several APPENDS/SETITEMS.
    files['batches-p4'] = pickle.dumps({'l': list(range(2500)),
                                        'nested': [[i, [i]] for i in range(1500)],
                                        'd': {str(i): i for i in range(2100)}}, 4)
    files['memo-many-p2'] = pickle.dumps([str(i) for i in range(300)] * 2, 2)  # LONG_BINPUT
    files['unframed-large-p4'] = pickle.dumps(['x' * 70000, b'y' * 70000, 'z'], 4)
    shared = {'name': 'f', 'filename': 'x.py', 'line': 1}
    files['shared-p4'] = pickle.dumps({'a': [shared, shared], 'b': shared}, 4)
    # Hand-made: opcodes Python's pickler does not write for this data.
    files['long-forms'] = (P4 + op('MARK') + op('LONG1') + b'\x00' + long1(2**63) +
                           op('LONG1') + b'\x09' + b'\xff' * 8 + b'\x00' +  # 2^64 - 1
                           op('LONG1') + b'\x03\x05\x00\x00' +  # 5, not minimal
                           op('LONG1') + b'\x02\xff\xff' +  # -1
                           op('LONG4') + struct.pack('<i', 9) + pickle.encode_long(-2**64) +
                           op('LONG4') + struct.pack('<i', 2) + b'\x00\x80' +  # 32768
                           op('LIST') + op('STOP'))
    files['string-forms'] = (P4 + op('MARK') +
                             op('BINSTRING') + struct.pack('<i', 3) + b'abc' +
                             op('SHORT_BINSTRING') + b'\x02\xc3\xa9' +
                             op('BINUNICODE8') + struct.pack('<Q', 2) + b'hi' +
                             op('BINBYTES8') + struct.pack('<Q', 1) + b'\x01' +
                             op('BINBYTES') + struct.pack('<I', 2) + b'zz' +
                             op('SHORT_BINBYTES') + b'\x00' +
                             op('BINUNICODE') + struct.pack('<I', 3) + b'\xed\xb3\xbf' +  # lone
                             op('TUPLE') + op('STOP'))                                 # surrogate
    files['stack-ops'] = (P4 + op('EMPTY_LIST') + op('NONE') + op('DUP') + op('POP') +
                          op('APPEND') + op('EMPTY_DICT') + op('DUP') + op('TUPLE2') +
                          op('APPEND') +
                          op('NEWTRUE') + op('POP') +
                          op('MARK') + op('NEWFALSE') + op('NEWFALSE') + op('POP_MARK') +
                          op('MARK') + op('POP') +  # POP right after MARK drops the mark
                          op('BININT1') + b'\x07' + op('APPEND') + op('STOP'))
    # Memo keys 12, 3, 70000, then MEMOIZE uses len(memo) = 3 and replaces 'b', as CPython does.
    files['text-memo'] = (P4 + op('MARK') + short_str('a') + op('PUT') + b'12\n' +
                          short_str('b') + op('BINPUT') + b'\x03' +
                          short_str('c') + op('LONG_BINPUT') + struct.pack('<I', 70000) +
                          short_str('d') + op('MEMOIZE') + op('GET') + b'12\n' +
                          op('BINGET') + b'\x03' + op('LONG_BINGET') + struct.pack('<I', 70000) +
                          op('LIST') + op('STOP'))
    files['dict-list-ops'] = (P4 + op('MARK') + op('MARK') + short_str('k') + op('BININT1') + b'\x01' +
                              op('DICT') + op('EMPTY_DICT') + short_str('j') + op('NONE') +
                              op('SETITEM') + op('EMPTY_SET') + op('MARK') + op('BININT1') +
                              b'\x09' + op('ADDITEMS') + op('MARK') + op('BININT1') + b'\x02' +
                              op('FROZENSET') + op('TUPLE') + op('STOP'))
    # One batch bigger than the reader's first item chunk, in every shape that builds a container.
    ints = op('BININT1') + b'\x05'
    files['one-batch-5000'] = (P4 + op('MARK') + op('MARK') + ints * 5000 + op('LIST') +
                               op('MARK') + ints * 6000 + op('TUPLE') +
                               op('EMPTY_LIST') + op('MARK') + ints * 9000 + op('APPENDS') +
                               op('EMPTY_DICT') + op('MARK') +
                               b''.join(op('BININT2') + struct.pack('<H', i) + ints
                                        for i in range(10000)) + op('SETITEMS') +
                               op('LIST') + op('STOP'))
    files['framed-empty'] = P4 + op('FRAME') + struct.pack('<Q', 0) + op('FRAME') + \
        struct.pack('<Q', 2) + op('NONE') + op('STOP')
    return files


# --- hostile files -----------------------------------------------------------------------------

REFUSED = ['GLOBAL', 'STACK_GLOBAL', 'REDUCE', 'BUILD', 'INST', 'OBJ', 'NEWOBJ', 'NEWOBJ_EX',
           'PERSID', 'BINPERSID', 'EXT1', 'EXT2', 'EXT4', 'NEXT_BUFFER', 'READONLY_BUFFER',
           'INT', 'LONG', 'FLOAT', 'STRING', 'UNICODE']


class Evil:
    def __reduce__(self):
        return (os.system, ('echo pwned',))


class Plain:
    pass


def first_refused(data):
    for o, _, pos in pickletools.genops(data):
        if o.name in REFUSED:
            return o.name, pos
    raise ValueError('no refused opcode')


def hostile_files():
    rows = []  # (name, bytes, expected text, offset)
    for name in REFUSED:
        code = op(name)
        rows.append(('refused-' + name.lower(), P4 + op('NONE') + code + b'\x00' * 8 + op('STOP'),
                     '%s (0x%02x)' % (name, code[0]), 3))
    for name, obj, proto in (('reduce-os-system', Evil(), 4), ('class-instance', Plain(), 4),
                             ('class-instance-p2', Plain(), 2)):
        data = pickle.dumps(obj, proto)
        opname, pos = first_refused(data)
        rows.append((name, data, '%s (0x%02x)' % (opname, op(opname)[0]), pos))
    rows.append(('protocol0-global', b"cos\nsystem\n(S'echo hi'\ntR.", 'GLOBAL (0x63)', 0))
    rows.append(('unknown-opcode', P4 + op('NONE') + b'\xff' + op('STOP'), 'unknown opcode', 3))
    rows.append(('no-proto', b'}.', 'starts with PROTO', 0))
    rows.append(('proto-1', b'\x80\x01N.', 'protocol 1', 0))
    rows.append(('proto-6', b'\x80\x06N.', 'protocol 6', 0))
    rows.append(('proto-twice', P4 + b'\x80\x04N.', 'after the start', 2))
    rows.append(('empty', b'', 'empty', 0))
    rows.append(('truncated-no-stop', P4 + op('NONE'), 'without a STOP', 3))
    rows.append(('truncated-in-arg', P4 + op('BININT') + b'\x01\x02', 'truncated', 2))
    rows.append(('truncated-string', P4 + op('BINUNICODE') + struct.pack('<I', 100 << 20) + b'ab',
                 'truncated', 2))
    rows.append(('memo-out-of-range', P4 + op('BINGET') + b'\x05' + op('STOP'), 'memo entry 5', 2))
    rows.append(('memo-long-out-of-range', P4 + op('NONE') + op('MEMOIZE') + op('LONG_BINGET') +
                 b'\xff\xff\xff\xff' + op('STOP'), 'memo entry 4294967295', 4))
    rows.append(('memoize-empty-stack', P4 + op('MEMOIZE') + op('STOP'), 'MEMOIZE (0x94)', 2))
    depth = 100000
    rows.append(('deep-marks', P4 + op('MARK') * depth + op('STOP'), 'MARKs deeper', 2 + 64))
    depth = 10000
    rows.append(('deep-appends', P4 + op('EMPTY_LIST') * depth + op('APPEND') * (depth - 1) +
                 op('STOP'), 'deeper than the limit', 2 + depth + 63))
    chain = P4 + op('EMPTY_LIST') + op('MEMOIZE')
    for i in range(1, 200):  # constant stack, depth grows through the memo
        chain += op('EMPTY_LIST') + op('LONG_BINGET') + struct.pack('<I', i - 1) + op('APPEND') + \
            op('MEMOIZE') + op('POP')
    rows.append(('deep-memo-chain', chain + op('STOP'), 'deeper than the limit',
                 4 + 63 * 9 + 1 + 5))
    rows.append(('huge-binunicode', P4 + op('BINUNICODE') + b'\xff\xff\xff\xff' + op('STOP'),
                 'more than the limit', 2))
    rows.append(('huge-binunicode8', P4 + op('BINUNICODE8') + struct.pack('<Q', 1 << 62),
                 'more than the limit', 2))
    rows.append(('huge-binbytes8', P4 + op('BINBYTES8') + struct.pack('<Q', 1 << 63),
                 'more than the limit', 2))
    rows.append(('huge-bytearray8', b'\x80\x05' + op('BYTEARRAY8') + b'\xff' * 8,
                 'more than the limit', 2))
    rows.append(('huge-long4', P4 + op('LONG4') + struct.pack('<i', 2**31 - 1), 'integer of', 2))
    rows.append(('negative-binstring', P4 + op('BINSTRING') + struct.pack('<i', -1), 'negative', 2))
    rows.append(('huge-frame', P4 + op('FRAME') + b'\xff' * 8 + op('NONE') + op('STOP'),
                 'FRAME (0x95)', 2))
    rows.append(('frame-straddle', P4 + op('FRAME') + struct.pack('<Q', 3) + short_str('hello') +
                 op('STOP'), 'past the end of its FRAME', 11))
    rows.append(('frame-in-frame', P4 + op('FRAME') + struct.pack('<Q', 11) + op('FRAME') +
                 struct.pack('<Q', 1) + op('NONE') + op('STOP'), 'new frame', 11))
    data = pickle.dumps([1, 2], 4)
    rows.append(('trailing-bytes', data + b'N.', 'follow the STOP', len(data)))
    rows.append(('stack-left', P4 + op('NONE') + op('NONE') + op('STOP'), 'behind', 4))
    rows.append(('mark-left', P4 + op('MARK') + op('NONE') + op('STOP'), 'behind', 4))
    rows.append(('stop-empty', P4 + op('STOP'), 'STOP (0x2e)', 2))
    rows.append(('pop-mark-without-mark', P4 + op('POP_MARK') + op('STOP'), 'no MARK', 2))
    rows.append(('append-to-dict', P4 + op('EMPTY_DICT') + op('NONE') + op('APPEND'),
                 'needs a list', 4))
    rows.append(('appends-below-fence', P4 + op('EMPTY_LIST') + op('MARK') + op('MARK') +
                 op('APPENDS'), 'needs a list', 5))
    rows.append(('setitems-odd', P4 + op('EMPTY_DICT') + op('MARK') + op('NONE') + op('SETITEMS'),
                 'odd number', 5))
    rows.append(('additems-frozenset', P4 + op('MARK') + op('FROZENSET') + op('MARK') +
                 op('NONE') + op('ADDITEMS'), 'needs a set', 6))
    lst = []
    lst.append(lst)
    data = pickle.dumps(lst, 4)
    rows.append(('cycle-self-list', data, 'inside itself', data.index(op('APPEND'))))
    d = {}
    d['self'] = d
    data = pickle.dumps(d, 4)
    rows.append(('cycle-self-dict', data, 'inside itself', data.rindex(op('SETITEM'))))
    a = []
    b = [a]
    a.append(b)
    data = pickle.dumps(a, 4)
    rows.append(('cycle-mutual', data, 'already inside another', data.rindex(op('APPEND'))))
    rows.append(('cycle-dup', P4 + op('EMPTY_LIST') + op('DUP') + op('APPEND') + op('STOP'),
                 'inside itself', 4))
    rows.append(('mutate-after-nesting', P4 + op('EMPTY_LIST') + op('MEMOIZE') + op('EMPTY_LIST') +
                 op('BINGET') + b'\x00' + op('APPEND') + op('BINGET') + b'\x00' + op('NONE') +
                 op('APPEND'), 'already inside another', 11))
    rows.append(('bad-utf8', P4 + short_str('ok')[:0] + op('SHORT_BINUNICODE') + b'\x02\xc3\x28' +
                 op('STOP'), 'not valid UTF-8', 2))
    rows.append(('text-get-not-decimal', P4 + op('NONE') + op('PUT') + b'1x\n',
                 'not a decimal', 3))
    # CPython issue 115952: a few bytes that make CPython allocate gigabytes. Within the string
    # limit, so only the bytes that arrive are allocated.
    rows.append(('cpython-115952', P4 + op('BINBYTES8') + struct.pack('<Q', (256 << 20) - 1),
                 'truncated', 2))
    return rows


def write(path, data):
    with open(path, 'wb') as f:
        f.write(data)


def main():
    samples = None
    if '--samples' in sys.argv:
        samples = sys.argv[sys.argv.index('--samples') + 1]
    os.makedirs(os.path.join(HERE, 'valid'), exist_ok=True)
    os.makedirs(os.path.join(HERE, 'hostile'), exist_ok=True)
    for name, data in sorted(valid_files().items()):
        write(os.path.join(HERE, 'valid', name + '.pickle'), data)
        text = canonical(pickle.loads(data, encoding='bytes'))
        write(os.path.join(HERE, 'valid', name + '.expected'), text.encode())
    lines = []
    for name, data, text, offset in hostile_files():
        write(os.path.join(HERE, 'hostile', name + '.pickle'), data)
        lines.append('%s\t%s\t%d\n' % (name, text, offset))
    write(os.path.join(HERE, 'hostile', 'expected.tsv'), ''.join(lines).encode())
    if samples:
        out = []
        for root, _, names in sorted(os.walk(samples)):
            for n in sorted(names):
                if n.endswith('.pickle'):
                    path = os.path.join(root, n)
                    with open(path, 'rb') as f:
                        text = canonical(pickle.load(f)).encode()
                    rel = os.path.relpath(path, samples)
                    out.append('%s\t%s\t%d\n' % (rel, hashlib.sha256(text).hexdigest(),
                                                 len(text)))
        write(os.path.join(HERE, 'samples.tsv'), ''.join(out).encode())


if __name__ == '__main__':
    main()
