#pragma once
// Runs the importer core on bytes in memory and decodes the record stream it writes: what the
// app would receive, without a child process. Every stream is also put through the app's own
// RecordValidator, so a test of the importer is a test of the contract too.

#include "common/inputsource.h"
#include "common/recordsink.h"
#include "importrunner.h"
#include "records/recordformat.h"
#include "records/recordvalidator.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace ts::testing {

struct StreamSummary
{
    int exitCode = -1;
    bool valid = true; // RecordValidator accepted every record
    std::string violation;
    uint64_t slices = 0, instants = 0, counterSamples = 0, flows = 0, events = 0;
    std::map<std::string, uint64_t> skipped; // reason → count
    std::vector<std::string> strings;        // by id - 1
    std::vector<rec::SliceRec> sliceRecs;    // views into `storage`
    std::vector<rec::FlowRec> flowRecs;
    std::map<uint32_t, std::string> threadNames;   // thread id → name
    std::map<int64_t, std::string> processNames;   // pid as written → name (the last sent)
    std::map<uint32_t, std::string> trackNames;    // counter tracks
    std::map<uint32_t, uint32_t> trackProcess;     // track id → process id
    std::map<uint32_t, rec::ProcessRec> processes; // the latest record of each process
    std::vector<rec::CounterRec> counterRecs;
    std::map<std::string, std::string> metadata;
    std::vector<std::string> warnings;
    std::string format;
    std::string error;
    bool hasResult = false;
    std::string storage;

    // Memory snapshot records (PyTorch memory snapshots).
    struct Memory
    {
        uint64_t segments = 0, blocks = 0, events = 0, frames = 0, annotations = 0, beforeTrace = 0,
                 timed = 0, stacks = 0;
        uint64_t addrSum = 0; // addresses of segments, blocks and events, summed (wrapping)
        std::set<int32_t> devices;
        std::set<std::tuple<std::string, std::string, int32_t>> frameKeys;
        std::vector<rec::MemBlockRec> blockRecs;
        std::vector<rec::MemEventRec> eventRecs;
        std::vector<rec::MemSegmentRec> segmentRecs;
    } memory;

    // Ascend records (views into `storage`).
    struct Ascend
    {
        std::vector<rec::DeviceTaskRec> tasks;
        std::vector<rec::StepRec> steps;
        std::vector<rec::MemRecordRec> memRecords;
        std::vector<rec::OpMemoryRec> opMemory;
    } ascend;

    std::vector<rec::MemScopeEventRec> memscope; // msMemScope dump rows (views into `storage`)

    // Communication records (views into `storage`).
    struct Comm
    {
        std::vector<rec::CommOpRec> ops;
        std::vector<rec::CommLinkRec> links;
        std::vector<rec::CommMatrixRec> matrix;
    } comm;

    uint64_t skippedTotal() const
    {
        uint64_t n = 0;
        for (const auto &[r, c] : skipped)
            n += c;
        return n;
    }
    std::string str(uint32_t id) const { return id && id <= strings.size() ? strings[id - 1] : ""; }
    // The name of the process a track belongs to ("" when unknown).
    std::string processNameOfTrack(uint32_t track) const
    {
        const auto t = trackProcess.find(track);
        if (t == trackProcess.end())
            return {};
        const auto p = processes.find(t->second);
        return p == processes.end() ? std::string() : str(p->second.name);
    }
};

inline StreamSummary importBytes(const std::string &input)
{
    StreamSummary s;
    parsers::InputSource source{std::string_view(input)};
    parsers::RecordSink sink;
    s.exitCode = parsers::importFrom(source, sink, input.size());
    s.storage = sink.buffer();
    rec::FrameSplitter splitter;
    splitter.append(s.storage.data(), s.storage.size());
    model::RecordValidator validator;
    rec::FrameSplitter::Frame f;
    // The splitter's payloads are views into its own copy, which it compacts as it goes and
    // which dies with it: the records keep views into `storage` instead, at the same place.
    size_t at = sizeof rec::kMagic;
    while (splitter.next(f) == rec::FrameSplitter::Status::Frame) {
        f.payload =
            std::string_view(s.storage.data() + at + rec::kFrameHeaderSize, f.payload.size());
        at += rec::kFrameHeaderSize + f.payload.size();
        if (s.valid && !validator.check(f)) {
            s.valid = false;
            s.violation = validator.error().toStdString();
        }
        switch (f.type) {
        case rec::RecordType::String: {
            rec::StringRec r;
            rec::decode(f.payload, r);
            s.strings.emplace_back(r.text);
            break;
        }
        case rec::RecordType::Process: {
            rec::ProcessRec r;
            rec::decode(f.payload, r);
            s.processNames[r.pid] = s.str(r.name);
            s.processes[r.id] = r;
            break;
        }
        case rec::RecordType::Thread: {
            rec::ThreadRec r;
            rec::decode(f.payload, r);
            s.threadNames[r.id] = s.str(r.name);
            break;
        }
        case rec::RecordType::Track: {
            rec::TrackRec r;
            rec::decode(f.payload, r);
            s.trackNames[r.id] = s.str(r.name);
            s.trackProcess[r.id] = r.process;
            break;
        }
        case rec::RecordType::Slice: {
            rec::SliceRec r;
            rec::decode(f.payload, r);
            s.sliceRecs.push_back(r);
            ++s.slices;
            break;
        }
        case rec::RecordType::Instant:
            ++s.instants;
            break;
        case rec::RecordType::Counter: {
            rec::CounterRec r;
            rec::decode(f.payload, r);
            ++s.counterSamples;
            s.counterRecs.push_back(r);
            break;
        }
        case rec::RecordType::Flow: {
            rec::FlowRec r;
            rec::decode(f.payload, r);
            s.flowRecs.push_back(r);
            ++s.flows;
            break;
        }
        case rec::RecordType::Metadata: {
            rec::MetadataRec r;
            rec::decode(f.payload, r);
            s.metadata[s.str(r.key)] = std::string(r.value);
            break;
        }
        case rec::RecordType::Skipped: {
            rec::SkippedRec r;
            rec::decode(f.payload, r);
            s.skipped[s.str(r.reason)] += r.count;
            break;
        }
        case rec::RecordType::Warning: {
            rec::WarningRec r;
            rec::decode(f.payload, r);
            s.warnings.emplace_back(r.message);
            break;
        }
        case rec::RecordType::Result: {
            rec::ResultRec r;
            rec::decode(f.payload, r);
            s.hasResult = true;
            s.format = s.str(r.format);
            s.events = r.eventsSeen;
            break;
        }
        case rec::RecordType::Error: {
            rec::ErrorRec r;
            rec::decode(f.payload, r);
            s.error = std::string(r.message);
            break;
        }
        case rec::RecordType::StackFrame: {
            rec::StackFrameRec r;
            rec::decode(f.payload, r);
            ++s.memory.frames;
            s.memory.frameKeys.emplace(s.str(r.name), s.str(r.file), r.line);
            break;
        }
        case rec::RecordType::Stack:
            ++s.memory.stacks;
            break;
        case rec::RecordType::MemSegment: {
            rec::MemSegmentRec r;
            rec::decode(f.payload, r);
            ++s.memory.segments;
            s.memory.addrSum += r.address;
            s.memory.devices.insert(r.device);
            s.memory.segmentRecs.push_back(r);
            break;
        }
        case rec::RecordType::MemBlock: {
            rec::MemBlockRec r;
            rec::decode(f.payload, r);
            ++s.memory.blocks;
            s.memory.addrSum += r.address;
            s.memory.blockRecs.push_back(r);
            break;
        }
        case rec::RecordType::MemEvent: {
            rec::MemEventRec r;
            rec::decode(f.payload, r);
            ++s.memory.events;
            s.memory.addrSum += r.addr;
            s.memory.devices.insert(r.device);
            s.memory.beforeTrace += (r.flags & rec::kMemBeforeTrace) ? 1 : 0;
            s.memory.timed += r.timeNs != -1 ? 1 : 0;
            s.memory.eventRecs.push_back(r);
            break;
        }
        case rec::RecordType::MemAnnotation:
            ++s.memory.annotations;
            break;
        case rec::RecordType::DeviceTask: {
            rec::DeviceTaskRec r;
            rec::decode(f.payload, r);
            s.ascend.tasks.push_back(r);
            break;
        }
        case rec::RecordType::Step: {
            rec::StepRec r;
            rec::decode(f.payload, r);
            s.ascend.steps.push_back(r);
            break;
        }
        case rec::RecordType::MemRecord: {
            rec::MemRecordRec r;
            rec::decode(f.payload, r);
            s.ascend.memRecords.push_back(r);
            break;
        }
        case rec::RecordType::OpMemory: {
            rec::OpMemoryRec r;
            rec::decode(f.payload, r);
            s.ascend.opMemory.push_back(r);
            break;
        }
        case rec::RecordType::MemScopeEvent: {
            rec::MemScopeEventRec r;
            rec::decode(f.payload, r);
            s.memscope.push_back(r);
            break;
        }
        case rec::RecordType::CommOp: {
            rec::CommOpRec r;
            rec::decode(f.payload, r);
            s.comm.ops.push_back(r);
            break;
        }
        case rec::RecordType::CommLink: {
            rec::CommLinkRec r;
            rec::decode(f.payload, r);
            s.comm.links.push_back(r);
            break;
        }
        case rec::RecordType::CommMatrix: {
            rec::CommMatrixRec r;
            rec::decode(f.payload, r);
            s.comm.matrix.push_back(r);
            break;
        }
        default:
            break;
        }
    }
    if (s.valid && (!validator.finished() || splitter.buffered() != 0)) {
        s.valid = false;
        s.violation = "no final Result/Error, or a torn record";
    }
    return s;
}

} // namespace ts::testing
