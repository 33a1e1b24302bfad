#!/usr/bin/env python3
"""Writes a synthetic torch_npu text-export cluster: N rank folders of a chosen total size.

Each rank folder `worker_{pid}_{stamp}_ascend_pt/` holds what torch_npu writes and TraceScope
reads (see shared/formats/ascend.md): profiler_info_{rank}.json (rank_id as a string, as CANN 8.3
writes it), and in ASCEND_PROFILER_OUTPUT/ a bare-array trace_view.json (Python, CANN and
Ascend Hardware layers named by process_name metadata, pids encoded (hostPid << 10 | layer << 5
| device) the way msprof does, string `ts` in µs with ns digits, async_npu flows with 19-digit
ids, HostToDevice flows with string ids), kernel_details.csv (with Device_id, a quoted shape
column, TAB-suffixed times), memory_record.csv (MB, CRLF line ends), operator_memory.csv and
step_trace_time.csv. Device = rank + 4 for odd ranks, so rank ≠ device.

About 70 % of the bytes go to trace_view.json, the rest to the CSVs. Written in a stream: memory
stays flat whatever the size. gen_ascend_db.py writes the same data as profiler DBs through
write_rank's `opener` (the text sized but not kept) and `emit` (every row as values).

    gen_ascend_text.py OUT_DIR [--ranks 8] [--total-mb 2048] [--seed 1]
"""

import argparse
import os
import random

BASE_US = 1736408883000000  # µs since the epoch


def us_text(ns):
    return "%d.%03d" % (ns // 1000, ns % 1000)


def no_emit(kind, *values):
    pass


def write_rank(root, rank, device, target_bytes, rng, opener=open, emit=no_emit):
    """Writes one rank folder; opener(path, mode, **kw) makes each file (its tell() sizes the
    next), and emit(kind, *values) is told every row: "python" (name, ts, dur, seq, conn),
    "cann" (ts, dur, conn), "kernel" (name, ts, dur, task, conn), "memory" (ts, MB allocated,
    reserved, active), "opmem" (ts, KB, release ts or None, duration), "step" (start, end)."""
    host_pid = 3096504 + rank
    folder = os.path.join(root, "worker_%d_20250109%04d_ascend_pt" % (host_pid, rank))
    out = os.path.join(folder, "ASCEND_PROFILER_OUTPUT")
    os.makedirs(out, exist_ok=True)
    with opener(os.path.join(folder, "profiler_info_%d.json" % rank), "w") as f:
        f.write('{"config": {"common_config": {}, "experimental_config": '
                '{"_profiler_level": "Level1"}}, "cann_version": "8.3.RC1", "rank_id": "%d"}' % rank)

    def pid(layer):
        return (host_pid << 10) | (layer << 5) | device

    hw, cann = pid(13), pid(7)
    trace_budget = int(target_bytes * 0.7)
    kernels = []
    t = BASE_US * 1000 + rank * 1000  # ns
    with opener(os.path.join(out, "trace_view.json"), "w") as f:
        f.write("[")
        meta = [(host_pid, "Python", "CPU", 0), (cann, "CANN", "CPU", 7),
                (hw, "Ascend Hardware", "NPU %d" % device, 13)]
        for p, name, label, sort in meta:
            f.write('{"ph":"M","name":"process_name","pid":%d,"tid":0,"args":{"name":"%s"}},' % (p, name))
            f.write('{"ph":"M","name":"process_labels","pid":%d,"tid":0,"args":{"labels":"%s"}},' % (p, label))
            f.write('{"ph":"M","name":"process_sort_index","pid":%d,"tid":0,"args":{"sort_index":%d}},' % (p, sort))
        f.write('{"ph":"M","name":"thread_name","pid":%d,"tid":2,"args":{"name":"Stream 2"}},' % hw)
        task = 1
        conn = 1
        while f.tell() < trace_budget:
            dur_ns = rng.randint(2000, 90000)
            op = "aten::op%d" % rng.randint(0, 40)
            f.write('{"ph":"X","name":"%s","pid":%d,"tid":%d,"ts":"%s","dur":%s,"cat":"cpu_op",'
                    '"args":{"Sequence number":%d,"Input Dims":"[32, 3];\\r\\n[3]"}},'
                    % (op, host_pid, host_pid, us_text(t), us_text(dur_ns), task))
            api = t + 1000
            f.write('{"ph":"X","name":"AscendCL@aclnnOp","pid":%d,"tid":%d,"ts":"%s","dur":1.5,'
                    '"args":{"Thread Id":%d,"connection_id":%d}},' % (cann, host_pid, us_text(api), host_pid, conn))
            k_ns = t + 5000 + rng.randint(0, 3000)
            k_dur = rng.randint(1000, 60000)
            name = "Kernel_%d" % rng.randint(0, 200)
            f.write('{"ph":"X","name":"%s","pid":%d,"tid":2,"ts":"%s","dur":%s,"args":{"Model Id":4294967295,'
                    '"Task Type":"AI_CORE","Physic Stream Id":2,"Task Id":%d,"connection_id":%d}},'
                    % (name, hw, us_text(k_ns), us_text(k_dur), task, conn))
            f.write('{"ph":"s","name":"torch_to_npu","id":%d,"pid":%d,"tid":%d,"ts":"%s","cat":"async_npu"},'
                    % (k_ns, host_pid, host_pid, us_text(t)))
            f.write('{"ph":"f","name":"torch_to_npu","id":%d,"pid":%d,"tid":2,"ts":"%s","cat":"async_npu","bp":"e"},'
                    % (k_ns, hw, us_text(k_ns)))
            f.write('{"ph":"s","name":"HostToDevice%d","id":"%d","pid":%d,"tid":%d,"ts":"%s","cat":"HostToDevice"},'
                    % (conn, conn, cann, host_pid, us_text(api)))
            f.write('{"ph":"f","name":"HostToDevice%d","id":"%d","pid":%d,"tid":2,"ts":"%s","cat":"HostToDevice","bp":"e"},'
                    % (conn, conn, hw, us_text(k_ns)))
            kernels.append((task, name, k_ns, k_dur))
            emit("python", op, t, dur_ns, task, conn)
            emit("cann", api, 1500, conn)
            emit("kernel", name, k_ns, k_dur, task, conn)
            t += dur_ns + rng.randint(100, 5000)
            task += 1
            conn += 1
        f.write('{"ph":"M","name":"process_name","pid":%d,"tid":0,"args":{"name":"Overlap Analysis"}}]' % pid(23))
    end_ns = t

    with opener(os.path.join(out, "kernel_details.csv"), "w", newline="") as f:
        f.write("Step Id,Device_id,Model ID,Task ID,Stream ID,Name,Type,OP State,Accelerator Core,"
                "Start Time(us),Duration(us),Wait Time(us),Block Dim,Mix Block Dim,Input Shapes,"
                "Input Data Types,aicore_time(us),aic_total_cycles\n")
        for task, name, k_ns, k_dur in kernels:
            f.write('1,%d,4294967295,%d,2,%s,MatMul,dynamic,AI_CORE,%s\t,%s,0,20,0,"""32,3,224,224"";""",'
                    'FLOAT;FLOAT,%s,%d\n' % (device, task, name, us_text(k_ns), us_text(k_dur),
                                             us_text(k_dur), k_dur * 18))
        kernel_bytes = f.tell()
    remaining = target_bytes - trace_budget - kernel_bytes
    span = max(end_ns - BASE_US * 1000, 1)
    with opener(os.path.join(out, "memory_record.csv"), "w", newline="") as f:
        f.write("Component,Timestamp(us),Total Allocated(MB),Total Reserved(MB),Total Active(MB),"
                "Stream Ptr,Device Type\r\n")
        n = max(remaining // 2 // 80, 10)
        for i in range(n):
            ts = BASE_US * 1000 + span * i // n
            alloc = 1000 + rng.random() * 5000
            f.write("PTA,%s\t,%.6f,%.4f,%.6f,89735,NPU:%d\r\n" % (us_text(ts), alloc, alloc + 2048, alloc, device))
            emit("memory", ts, alloc, alloc + 2048, alloc)
    with opener(os.path.join(out, "operator_memory.csv"), "w", newline="") as f:
        f.write("Name,Size(KB),Allocation Time(us),Release Time(us),Active Release Time(us),Duration(us),"
                "Active Duration(us),Allocation Total Allocated(MB),Allocation Total Reserved(MB),"
                "Allocation Total Active(MB),Release Total Allocated(MB),Release Total Reserved(MB),"
                "Release Total Active(MB),Stream Ptr,Device Type\n")
        n = max(remaining // 2 // 190, 10)
        for i in range(n):
            a = BASE_US * 1000 + span * i // n
            d = rng.randint(1000, 5_000_000)
            released = rng.random() > 0.01
            rel = us_text(a + d) + "\t" if released else ""
            kb = rng.randint(1, 20000) / 2
            f.write("aten::empty_strided,%.1f,%s\t,%s,%s,%s,%s,954.37,1452.0,954.37,950.0,1452.0,950.0,89735,NPU:%d\n"
                    % (kb, us_text(a), rel, rel, us_text(d), us_text(d), device))
            emit("opmem", a, kb, a + d if released else None, d)
    with opener(os.path.join(out, "step_trace_time.csv"), "w") as f:
        f.write("Device_id,Step,Computing,Communication(Not Overlapped),Overlapped,Communication,Free,"
                "Stage,Bubble,Communication(Not Overlapped and Exclude Receive),Preparing\n")
        f.write("%d,1,%s,0,0,0,%s,0,0,0,0\n" % (device, us_text(span * 8 // 10), us_text(span // 10)))
    emit("step", BASE_US * 1000, BASE_US * 1000 + span)
    return folder


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--ranks", type=int, default=8)
    ap.add_argument("--total-mb", type=float, default=2048)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    per_rank = int(args.total_mb * (1 << 20) / args.ranks)
    for rank in range(args.ranks):
        device = rank + 4 if rank % 2 else rank
        folder = write_rank(args.out, rank, device, per_rank, random.Random(args.seed + rank))
        print(folder)


if __name__ == "__main__":
    main()
