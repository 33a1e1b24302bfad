#pragma once
// SHA-256 (FIPS 180-4) for hashing import inputs: the x86 SHA extensions where the CPU has them
// (about 2 GB/s a core, so hashing a 1 GB input beside the import costs well under a second of
// CPU), a portable implementation elsewhere. Both are checked against the standard vectors and
// against each other in tests/model/tst_sha256.cpp.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ts::model {

class Sha256
{
public:
    Sha256();
    void add(const void *data, size_t size);
    std::array<uint8_t, 32> digest(); // finishes; call reset() to hash again
    std::string hexDigest();          // lowercase hex of digest()
    void reset();

    // Whether the hardware path is used on this machine; tests may switch it off to compare.
    static bool hardwareAvailable();
    void setHardware(bool on) { m_hardware = on && hardwareAvailable(); }

private:
    void blocks(const uint8_t *data, size_t count);

    uint32_t m_state[8];
    uint8_t m_buffer[64];
    size_t m_buffered = 0;
    uint64_t m_length = 0; // bytes
    bool m_hardware;
};

} // namespace ts::model
