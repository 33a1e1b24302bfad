// libFuzzer entry for the app's side of the record stream: whatever a compromised child sends,
// the frame splitter and RecordValidator neither crash nor accept a record after the end. The
// input is the stream after its magic (the magic is added here, so the fuzzer spends its time
// on frames rather than on guessing eight bytes). The seeds in tests/data/records are the real
// child's output for the small chrome and snapshot test inputs, less the magic (a loop of
// `tracescope-import < INPUT | tail -c +9 | head -c 4096`).
#include "records/recordformat.h"
#include "records/recordvalidator.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ts::rec::FrameSplitter splitter;
    splitter.append(ts::rec::kMagic, sizeof ts::rec::kMagic);
    splitter.append(reinterpret_cast<const char *>(data), size);
    ts::model::RecordValidator validator;
    ts::rec::FrameSplitter::Frame frame;
    bool endSeen = false;
    while (splitter.next(frame) == ts::rec::FrameSplitter::Status::Frame) {
        if (!validator.check(frame))
            break; // the app stops at the first violation, and so does this
        if (endSeen)
            std::abort(); // accepted a record after the final Result or Error
        endSeen = validator.finished();
    }
    return 0;
}
