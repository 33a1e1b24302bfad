#include "importrunner.h"

#include "ascend/ascenddbimporter.h"
#include "ascend/commjson.h"
#include "ascend/csvimporter.h"
#include "ascend/profilerinfo.h"
#include "chrome/chromeimporter.h"
#include "common/inputsource.h"
#include "common/recordsink.h"
#include "snapshot/snapshotimporter.h"

#include <sys/stat.h>

#include <string>

namespace ts::parsers {

int importFrom(InputSource &source, RecordSink &sink, uint64_t inputSize)
{
    std::string error;
    int first = -1;
    if (!source.open(error) || !source.firstNonBlank(first, error)) {
        sink.put(rec::ErrorRec{source.rawBytesRead(), 0, 0, error});
        return kExitInputError;
    }
    // Detection by content, never by name (the child has none).
    if (source.compression() == InputSource::Compression::None &&
        source.rawHead().substr(0, ForeignDb::kSqliteMagic.size()) == ForeignDb::kSqliteMagic) {
        // A foreign database, read in place through the descriptor (never by a path).
        DbBytes bytes;
        bytes.fd = source.fd();
        bytes.memory = source.wholeMemory();
        bytes.size = bytes.fd >= 0 ? inputSize : bytes.memory.size();
        struct stat st
        {
        };
        if (bytes.fd >= 0 && fstat(bytes.fd, &st) == 0 && S_ISREG(st.st_mode))
            bytes.size = uint64_t(st.st_size);
        AscendDbImporter importer(bytes, sink);
        return importer.run() ? kExitOk : kExitInputError;
    }
    if (first == 0x80) { // PROTO: a pickle; the importer checks it is a memory snapshot
        SnapshotImporter importer(source, sink, inputSize);
        return importer.run() ? kExitOk : kExitInputError;
    }
    if (first == '{') {
        // A small object with a rank_id is a profiler_info; anything else goes to the Chrome
        // importer as before (an object with traceEvents, or its error for other shapes).
        std::string_view head;
        bool whole = false;
        if (!source.peek(ProfilerInfoImporter::kMaxBytes + 1, head, whole, error)) {
            sink.put(rec::ErrorRec{source.rawBytesRead(), 0, 0, error});
            return kExitInputError;
        }
        if (whole && ProfilerInfoImporter::matches(head))
            return ProfilerInfoImporter::run(head, sink) ? kExitOk : kExitInputError;
        // HCCL's communication analysis (communication.json, its matrix, the cluster files).
        if (CommJsonImporter::matches(head)) {
            CommJsonImporter importer(source, sink, inputSize);
            return importer.run() ? kExitOk : kExitInputError;
        }
    }
    if (first == '{' || first == '[') {
        ChromeImporter importer(source, sink, inputSize);
        return importer.run() ? kExitOk : kExitInputError;
    }
    if (first >= 0) {
        std::string_view head;
        bool whole = false;
        if (!source.peek(64u << 10, head, whole, error)) {
            sink.put(rec::ErrorRec{source.rawBytesRead(), 0, 0, error});
            return kExitInputError;
        }
        if (AscendCsvImporter::looksLikeCsv(head)) {
            AscendCsvImporter importer(source, sink, inputSize);
            return importer.run() ? kExitOk : kExitInputError;
        }
    }
    sink.put(rec::ErrorRec{0, 0, 0,
                           first < 0
                               ? std::string("the file is empty")
                               : std::string("not a supported format: not a Chrome trace (JSON), "
                                             "a memory snapshot or an Ascend CSV, and no other "
                                             "importer recognises it")});
    return kExitInputError;
}

int runImport(const RunOptions &options)
{
    InputSource source(options.inputFd);
    RecordSink sink(options.outputFd);
    const int code = importFrom(source, sink, options.inputSize);
    if (!sink.flush())
        return kExitOutputFailed;
    return code;
}

} // namespace ts::parsers
