// Hashes one file the way an import does (model::sha256OfDescriptor: libcrypto, 1 MiB preads)
// and prints "<seconds> <hex digest>"; with --qt, through QCryptographicHash instead, for
// reference. tests/bench/sha256_ab.sh runs it against the former own implementation.
#include "util/sha256digest.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_sha256 FILE [--qt]\n");
        return 2;
    }
    const bool qt = argc > 2 && std::strcmp(argv[2], "--qt") == 0;
    const int fd = ::open(argv[1], O_RDONLY);
    if (fd < 0) {
        std::perror(argv[1]);
        return 1;
    }
    QElapsedTimer clock;
    clock.start();
    QByteArray hex;
    if (qt) {
        QFile file;
        if (!file.open(fd, QIODevice::ReadOnly))
            return 1;
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&file);
        hex = hash.result().toHex();
    } else {
        std::atomic<bool> stop{false};
        hex = ts::model::sha256OfDescriptor(fd, stop);
    }
    std::printf("%.3f %s\n", double(clock.nsecsElapsed()) / 1e9, hex.constData());
    ::close(fd);
    return hex.isEmpty() ? 1 : 0;
}
