#!/ usr / bin / env python3
"""Writes a synthetic PyTorch Profiler (Kineto) trace of a chosen size.

The shape follows what Kineto writes in 2024+ (see shared/formats/chrome-trace.md): a CPU
process with a main and an autograd thread, ProfilerStep#N annotations over nested cpu_ops,
cuda_runtime launches linked by ac2g flows (s on the launch, f bp:"e" on the kernel) to kernels
on two GPUs' streams, memcpys, [memory] instants with allocator totals, a C counter series,
M metadata, deviceProperties and distributedInfo, timestamps in microseconds with three decimals.

Used for the bundled sample (resources/samples) and for the import benchmarks (tests/bench).

    gen_kineto_trace.py OUT.json[.gz] [--steps N | --size-mb M] [--rank R] [--seed S]
"""

import argparse
import gzip
import json
import random
import re
import sys

#Timestamps travel through json.dumps as "@<µs text>" strings and are unquoted afterwards : a
#Python float cannot hold 1712195495519689.047, which is exactly the precision trap a reader
#of real Kineto files must survive.
_US_TEXT = re.compile(r'"@(-?\d+\.\d{3})"')

CPU_PID = 4242
MAIN_TID = 4242
AUTOGRAD_TID = 4263
DEVICES = (0, 1)
COMPUTE_STREAM = 7
NCCL_STREAM = 20
KERNELS = [
    ("aten::linear", "aten::addmm", "ampere_sgemm_128x64_tn", 180),
    ("aten::relu", "aten::clamp_min", "void at::native::vectorized_elementwise_kernel<4, "
     "at::native::(anonymous namespace)::launch_clamp_scalar>", 22),
    ("aten::layer_norm", "aten::native_layer_norm", "void at::native::(anonymous namespace)::"
     "vectorized_layer_norm_kernel<float, float>", 41),
    ("aten::softmax", "aten::_softmax", "void (anonymous namespace)::softmax_warp_forward<float>",
     35),
    ("aten::matmul", "aten::mm", "sm80_xmma_gemm_f16f16_f16f32_f32_tn_n_tilesize96x128x32",
     260),
]


class Writer:
    def __init__(self, out):
        self.out = out
        self.first = True
        self.bytes = 0

    def event(self, ev):
        text = _US_TEXT.sub(r"\1", json.dumps(ev, separators=(",", ":")))
        if not self.first:
            text = ",\n" + text
        self.first = False
        self.bytes += len(text)
        self.out.write(text)


def us(ns):
    """Kineto's microsecond text with three decimals."""
    return f"@{ns // 1000}.{ns % 1000:03d}"


def write_metadata(w, rank):
    w.event({"ph": "M", "name": "process_name", "pid": CPU_PID, "tid": 0,
             "args": {"name": "python3 train.py"}})
    w.event({"ph": "M", "name": "process_labels", "pid": CPU_PID, "tid": 0,
             "args": {"labels": "CPU"}})
    w.event({"ph": "M", "name": "process_sort_index", "pid": CPU_PID, "tid": 0,
             "args": {"sort_index": CPU_PID}})
    w.event({"ph": "M", "name": "thread_name", "pid": CPU_PID, "tid": MAIN_TID,
             "args": {"name": f"thread {MAIN_TID} (python3)"}})
    w.event({"ph": "M", "name": "thread_name", "pid": CPU_PID, "tid": AUTOGRAD_TID,
             "args": {"name": f"thread {AUTOGRAD_TID} (pt_autograd_0)"}})
    for dev in DEVICES:
        w.event({"ph": "M", "name": "process_name", "pid": dev, "tid": 0,
                 "args": {"name": "python3 train.py"}})
        w.event({"ph": "M", "name": "process_labels", "pid": dev, "tid": 0,
                 "args": {"labels": f"GPU {dev}"}})
        w.event({"ph": "M", "name": "process_sort_index", "pid": dev, "tid": 0,
                 "args": {"sort_index": 5000000 + dev}})
        for stream in (COMPUTE_STREAM, NCCL_STREAM):
            w.event({"ph": "M", "name": "thread_name", "pid": dev, "tid": stream,
                     "args": {"name": f"stream {stream} "}})


class Step:
    """Emits one training step; keeps the running ids and allocator totals."""

    def __init__(self, w, rng, rank):
        self.w = w
        self.rng = rng
        self.rank = rank
        self.correlation = 1000
        self.external = 1
        self.allocated = {d: 512 << 20 for d in DEVICES}
        self.reserved = {d: 2 << 30 for d in DEVICES}
        self.gpu_free = {d: 0 for d in DEVICES}

    def memory(self, ts, dev, delta):
        self.allocated[dev] = max(0, self.allocated[dev] + delta)
        self.reserved[dev] = max(self.reserved[dev], self.allocated[dev] + (256 << 20))
        self.w.event({"ph": "i", "cat": "cpu_instant_event", "s": "t", "name": "[memory]",
                      "pid": CPU_PID, "tid": MAIN_TID, "ts": us(ts),
                      "args": {"Device Type": 1, "Device Id": dev,
                               "Addr": 139926520725504 + self.rng.randrange(1 << 20) * 512,
                               "Bytes": delta, "Total Allocated": self.allocated[dev],
                               "Total Reserved": self.reserved[dev]}})

    def launch(self, ts, dev, kernel_name, kernel_us, stream, cat="kernel"):
        """cudaLaunchKernel on the CPU at ts, the kernel on the GPU later, linked by a flow."""
        self.correlation += 1
        corr = self.correlation
        runtime_dur = 4000 + self.rng.randrange(3000)
        self.w.event({"ph": "X", "cat": "cuda_runtime", "name": "cudaLaunchKernel",
                      "pid": CPU_PID, "tid": MAIN_TID, "ts": us(ts), "dur": us(runtime_dur),
                      "args": {"cbid": 211, "correlation": corr, "External id": self.external}})
        self.w.event({"ph": "s", "id": corr, "pid": CPU_PID, "tid": MAIN_TID, "ts": us(ts),
                      "cat": "ac2g", "name": "ac2g"})
        start = max(ts + 9000, self.gpu_free[dev])
        dur = kernel_us * 1000 + self.rng.randrange(kernel_us * 200 + 1)
        self.gpu_free[dev] = start + dur + 1500
        self.w.event({"ph": "X", "cat": cat, "name": kernel_name, "pid": dev, "tid": stream,
                      "ts": us(start), "dur": us(dur),
                      "args": {"External id": self.external, "device": dev, "stream": stream,
                               "correlation": corr, "registers per thread": 128,
                               "grid": [108, 1, 1], "block": [256, 1, 1],
                               "est. achieved occupancy %": 50}})
        self.w.event({"ph": "f", "id": corr, "pid": dev, "tid": stream, "ts": us(start),
                      "cat": "ac2g", "name": "ac2g", "bp": "e"})
        return ts + runtime_dur

    def run(self, number, t0, ops):
        w, rng = self.w, self.rng
        t = t0 + 2000
        for i in range(ops):
            outer, inner, kernel, kernel_us = KERNELS[i % len(KERNELS)]
            dev = DEVICES[i % len(DEVICES)]
            self.external += 1
            op_start = t
            t += 3000
            inner_start = t
            t += 2000
            self.memory(t, dev, rng.choice((1, 2, 4, 8)) << 20)
            t = self.launch(t, dev, kernel, kernel_us, COMPUTE_STREAM) + 1500
            inner_end = t
            t += 1000
            w.event({"ph": "X", "cat": "cpu_op", "name": inner, "pid": CPU_PID, "tid": MAIN_TID,
                      "ts": us(inner_start), "dur": us(inner_end - inner_start),
                      "args": {"External id": self.external, "Record function id": 0,
                               "Ev Idx": i * 3 + 1, "Input Dims": [[64, 1024], [1024, 1024]],
                               "Input type": ["float", "float"]}})
            w.event({"ph": "X", "cat": "cpu_op", "name": outer, "pid": CPU_PID, "tid": MAIN_TID,
                      "ts": us(op_start), "dur": us(t - op_start),
                      "args": {"External id": self.external, "Ev Idx": i * 3,
                               "Sequence number": number * ops + i, "Fwd thread id": 0}})
            if i % 4 == 3:
                self.memory(t, dev, -(1 << 20))
                back = t + 500
                w.event({"ph": "X", "cat": "cpu_op", "name": "autograd::engine::evaluate_function: "
                          "AddmmBackward0", "pid": CPU_PID, "tid": AUTOGRAD_TID, "ts": us(back),
                          "dur": us(2500), "args": {"Sequence number": number * ops + i}})
            t += 500
#A gradient all - reduce per step on the NCCL stream of every device.
        for dev in DEVICES:
            t = self.launch(t, dev, "ncclDevKernel_AllReduce_Sum_f32_RING_LL(ncclDevComm*, "
                            "unsigned long, ncclWork*)", 400, NCCL_STREAM)
        copy_start = max(self.gpu_free.values())
        w.event({"ph": "X", "cat": "gpu_memcpy", "name": "Memcpy DtoH (Device -> Pageable)",
                  "pid": 0, "tid": COMPUTE_STREAM, "ts": us(copy_start), "dur": us(12000),
                  "args": {"device": 0, "stream": COMPUTE_STREAM, "bytes": 4096,
                           "memory bandwidth (GB/s)": 0.34}})
        for dev in DEVICES:
            w.event({"ph": "C", "name": "GPU Utilization", "pid": dev, "tid": 0,
                      "ts": us(t0), "args": {"value": round(0.55 + rng.random() * 0.4, 3)}})
        end = max(t, copy_start + 12000) + 3000
        w.event({"ph": "X", "cat": "user_annotation", "name": f"ProfilerStep#{number}",
                  "pid": CPU_PID, "tid": MAIN_TID, "ts": us(t0), "dur": us(end - t0),
                  "args": {"External id": 0}})
        return end + 5000


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--steps", type=int, default=None)
    p.add_argument("--size-mb", type=float, default=None,
                   help="stop after the first step that reaches this many MB of JSON")
    p.add_argument("--ops-per-step", type=int, default=40)
    p.add_argument("--rank", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    if a.steps is None and a.size_mb is None:
        a.steps = 3
    rng = random.Random(a.seed)
    compressed = a.out.endswith(".gz")
#mtime = 0 keeps the gzip output byte - for - byte reproducible.
    with (gzip.GzipFile(a.out, "wb", mtime=0) if compressed else
          open(a.out, "w", encoding="utf-8")) as raw:
        out = _TextOver(raw) if compressed else raw
        out.write('{"schemaVersion":1,"deviceProperties":[')
        out.write(",".join(json.dumps({"id": d, "name": "NVIDIA A100-SXM4-80GB",
                                       "totalGlobalMem": 85031714816, "computeMajor": 8,
                                       "computeMinor": 0, "numSms": 108, "warpSize": 32})
                           for d in DEVICES))
        out.write('],\n"distributedInfo":' + json.dumps(
            {"backend": "nccl", "rank": a.rank, "world_size": 2}) + ',\n')
        out.write('"traceName":"rank-%d.pt.trace.json","displayTimeUnit":"ms",\n'
                  '"traceEvents":[\n' % a.rank)
        w = Writer(out)
        write_metadata(w, a.rank)
        step = Step(w, rng, a.rank)
        t = 1712195495519689047  # absolute ns, written as µs with three decimals
        number = 1
        limit = None if a.size_mb is None else int(a.size_mb * (1 << 20))
        while True:
            t = step.run(number, t, a.ops_per_step)
            number += 1
            if a.steps is not None and number > a.steps:
                break
            if limit is not None and w.bytes >= limit:
                break
        out.write('\n]}\n')
    return 0


class _TextOver:
    """Text writes onto a binary gzip file (GzipFile in text mode has no mtime switch)."""

    def __init__(self, raw):
        self.raw = raw

    def write(self, s):
        self.raw.write(s.encode("utf-8"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
