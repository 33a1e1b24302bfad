#pragma once
// What every importer's fuzz target asserts about the child's output: the app's own checks
// accept every record, and the stream ends in exactly one Result or Error with no torn record.

#include "records/recordformat.h"
#include "records/recordvalidator.h"

#include <cstdlib>
#include <string>

namespace ts::fuzzing {

inline void abortUnlessTheAppAccepts(const std::string &stream)
{
    ts::rec::FrameSplitter splitter;
    splitter.append(stream.data(), stream.size());
    ts::model::RecordValidator validator;
    ts::rec::FrameSplitter::Frame frame;
    while (splitter.next(frame) == ts::rec::FrameSplitter::Status::Frame) {
        if (!validator.check(frame))
            std::abort(); // the child produced something the app would refuse
    }
    if (!validator.finished() || splitter.buffered() != 0)
        std::abort(); // no final Result/Error, or a torn record
}

} // namespace ts::fuzzing
