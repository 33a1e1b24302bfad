// tracescope-docgen: writes the man page and the bash completion at build time (see
// commandlinedocs.h). Not installed.
//   tracescope-docgen man TEMPLATE OUT.1 [OUT.1.gz]
//   tracescope-docgen bash OUT
#include "commandlinedocs.h"

#include <QFile>
#include <QSaveFile>

#include <cstdio>

#include <zlib.h>

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
        std::fprintf(stderr, "tracescope-docgen: cannot write %s\n", qPrintable(path));
        return false;
    }
    return true;
}

// gzip without a name or time in its header, so the package's bytes depend only on the text.
bool writeGzip(const QString &path, const QByteArray &bytes)
{
    z_stream z = {};
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    QByteArray out(int(deflateBound(&z, uLong(bytes.size()))) + 64, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.constData()));
    z.avail_in = uInt(bytes.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.truncate(int(z.total_out));
    deflateEnd(&z);
    return rc == Z_STREAM_END && writeFile(path, out);
}

} // namespace

int main(int argc, char **argv)
{
    const QString what = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (what == QStringLiteral("man") && (argc == 4 || argc == 5)) {
        QFile in(QFile::decodeName(argv[2]));
        if (!in.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "tracescope-docgen: cannot read %s\n", argv[2]);
            return 1;
        }
        const QByteArray page =
            ts::app::manPage(QString::fromUtf8(in.readAll()), QStringLiteral(TRACESCOPE_VERSION))
                .toUtf8();
        if (!writeFile(QFile::decodeName(argv[3]), page))
            return 1;
        return argc == 5 && !writeGzip(QFile::decodeName(argv[4]), page) ? 1 : 0;
    }
    if (what == QStringLiteral("bash") && argc == 3)
        return writeFile(QFile::decodeName(argv[2]), ts::app::bashCompletion().toUtf8()) ? 0 : 1;
    std::fprintf(stderr, "usage: tracescope-docgen man TEMPLATE OUT.1 [OUT.1.gz] | bash OUT\n");
    return 2;
}
