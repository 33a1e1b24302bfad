// A stand-in for tracescope-import that behaves like a compromised child: it ignores its input
// and writes one kind of malformed record stream, chosen by its last argument. Built only for
// tst_hostilechild, which checks that the app stops each one, names the broken rule and leaves
// nothing behind. The launcher's own arguments (--mem-mb N --cpu-seconds N) come first and are
// ignored.

#include "records/recordformat.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>

namespace {

using namespace ts::rec;

bool writeAll(const std::string &bytes)
{
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(1, bytes.data() + done, bytes.size() - done);
        if (n <= 0)
            return false;
        done += size_t(n);
    }
    return true;
}

// A process, a thread and its track: what most malformed records below refer to.
void validPrelude(std::string &s)
{
    encodeMagic(s);
    encode(s, StringRec{1, "main"});
    encode(s, ProcessRec{1, 100, 1, 0, 0, -1});
    encode(s, ThreadRec{1, 1, 7, 1, 0});
    encode(s, TrackRec{1, TrackKind::Thread, 0, 1, 1, 1});
}

std::string frameHeader(RecordType type, uint32_t length)
{
    std::string h(1, char(type));
    for (int i = 0; i < 4; ++i)
        h.push_back(char((length >> (8 * i)) & 0xff));
    return h;
}

} // namespace

int main(int argc, char **argv)
{
    const std::string mode = argc > 1 ? argv[argc - 1] : "";
    std::string s;
    if (mode == "garbage") {
        s = "\x7f"
            "ELF this is not a record stream at all";
    } else if (mode == "oversized") {
        encodeMagic(s);
        s += frameHeader(RecordType::Slice, kMaxPayload + 1);
    } else if (mode == "unknown-type") {
        validPrelude(s);
        s += frameHeader(RecordType(200), 0);
    } else if (mode == "unknown-track") {
        validPrelude(s);
        encode(s, SliceRec{99, 0, 10, 1, 0, {}});
    } else if (mode == "string-out-of-order") {
        encodeMagic(s);
        encode(s, StringRec{2, "skips id 1"});
    } else if (mode == "invalid-utf8") {
        encodeMagic(s);
        encode(s, StringRec{1, "caf\xc3"});
    } else if (mode == "string-over-cap") {
        encodeMagic(s);
        const std::string big(kMaxStringBytes + 1, 'x');
        encode(s, StringRec{1, big});
    } else if (mode == "count-overflow") {
        validPrelude(s);
        encode(s, SkippedRec{1, std::numeric_limits<uint64_t>::max()});
        encode(s, SkippedRec{1, 2});
    } else if (mode == "negative-duration") {
        validPrelude(s);
        encode(s, SliceRec{1, 0, -5, 1, 0, {}});
    } else if (mode == "nan-counter") {
        validPrelude(s);
        encode(s, TrackRec{2, TrackKind::Counter, 0, 1, 0, 1});
        encode(s, CounterRec{2, 0, std::nan("")});
    } else if (mode == "flow-to-nowhere") {
        validPrelude(s);
        FlowRec f;
        f.out.bind = FlowBind::Sequence;
        f.out.sequence = 5;
        f.in.bind = FlowBind::Sequence;
        f.in.sequence = 6;
        encode(s, f);
    } else if (mode == "after-result") {
        validPrelude(s);
        encode(s, ResultRec{1, 0});
        encode(s, SliceRec{1, 0, 10, 1, 0, {}});
    } else if (mode == "torn-record") {
        validPrelude(s);
        std::string slice;
        encode(slice, SliceRec{1, 0, 10, 1, 0, {}});
        s += slice.substr(0, slice.size() / 2);
    } else if (mode == "endless") {
        // Well-formed progress, forever: only the wall-clock limit can stop it.
        encodeMagic(s);
        if (!writeAll(s))
            return 5;
        uint64_t done = 0;
        for (;;) {
            std::string p;
            for (int i = 0; i < 1000; ++i)
                encode(p, ProgressRec{++done, 0, Stage::Reading});
            if (!writeAll(p))
                return 5;
            ::usleep(1000);
        }
    } else if (mode == "silent") {
        for (;;)
            ::pause();
    } else {
        std::fprintf(stderr, "hostilechild: unknown mode '%s'\n", mode.c_str());
        return 2;
    }
    return writeAll(s) ? 0 : 5;
}
