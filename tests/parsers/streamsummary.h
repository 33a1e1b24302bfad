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
#include <string>
#include <vector>

namespace ts::testing {

struct StreamSummary
{
    int exitCode = -1;
    bool valid = true;         // RecordValidator accepted every record
    std::string violation;
    uint64_t slices = 0, instants = 0, counterSamples = 0, flows = 0, events = 0;
    std::map<std::string, uint64_t> skipped; // reason → count
    std::vector<std::string> strings;        // by id - 1
    std::vector<rec::SliceRec> sliceRecs;    // views into `storage`
    std::vector<rec::FlowRec> flowRecs;
    std::map<uint32_t, std::string> threadNames; // thread id → name
    std::map<uint32_t, std::string> trackNames;  // counter tracks
    std::map<std::string, std::string> metadata;
    std::vector<std::string> warnings;
    std::string format;
    std::string error;
    bool hasResult = false;
    std::string storage;

    uint64_t skippedTotal() const
    {
        uint64_t n = 0;
        for (const auto &[r, c] : skipped)
            n += c;
        return n;
    }
    std::string str(uint32_t id) const { return id && id <= strings.size() ? strings[id - 1] : ""; }
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
    while (splitter.next(f) == rec::FrameSplitter::Status::Frame) {
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
            break;
        }
        case rec::RecordType::Slice: {
            rec::SliceRec r;
            rec::decode(f.payload, r);
            s.sliceRecs.push_back(r);
            ++s.slices;
            break;
        }
        case rec::RecordType::Instant: ++s.instants; break;
        case rec::RecordType::Counter: {
            rec::CounterRec r;
            rec::decode(f.payload, r);
            ++s.counterSamples;
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
        default: break;
        }
    }
    return s;
}

} // namespace ts::testing
