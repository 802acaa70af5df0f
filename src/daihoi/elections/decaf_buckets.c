/* The bucket method's loop for crypto_group._DecafCombination, compiled by `make env` into
 * libdaihoi_buckets.so beside this file (docs/ballot-crypto.md, "The verifier's batch").
 *
 * It only schedules: every group operation is libdecaf's, passed in as function pointers by the
 * caller, which loaded and checked libdecaf (crypto_group._decaf_agrees); points are libdecaf's
 * decoded points, opaque blocks of point_size bytes. Without this library (no C compiler), the
 * same loop runs in Python: the same answers, each addition then called through libffi
 * (measured: about 6,200 instructions an addition there, libdecaf's own 1,500).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef void (*daihoi_add)(void *sum, const void *a, const void *b);
typedef void (*daihoi_double)(void *twice, const void *a);

/* The c bits (c <= 16) from bit `bit` of a 32-byte little-endian exponent. */
static unsigned digit_at(const uint8_t *exponent, unsigned bit, unsigned c)
{
    unsigned byte = bit >> 3;
    uint32_t word = 0;
    for (unsigned i = 0; i < 4 && byte + i < 32; i++)
        word |= (uint32_t)exponent[byte + i] << (8 * i);
    return (word >> (bit & 7)) & ((1u << c) - 1);
}

/* total = prod points[i]^exponents[i] (written additively: sum of exponent_i * point_i).
 *
 * exponents: 32 bytes each, little-endian, in the order of points, sorted so that in window w
 * (bits w*c .. w*c+c-1) only the first reach[w] have any bit set at or above w*c. buckets:
 * 2^c points of workspace (buckets[0] unused); running, window_sum: two more. Returns 0, or -1
 * (nothing computed) when c or the windows are out of range. */
int daihoi_multi_power(
    void *total, void *const *points, const uint8_t *exponents, const size_t *reach,
    size_t windows, unsigned c, void *const *buckets, void *running, void *window_sum,
    const void *identity, size_t point_size, daihoi_add add, daihoi_double twice)
{
    if (c < 1 || c > 16 || windows * c > 256 + c)
        return -1;
    size_t count = (size_t)1 << c;
    memcpy(total, identity, point_size);
    for (size_t w = windows; w-- > 0;) {
        if (w != windows - 1)
            for (unsigned i = 0; i < c; i++)
                twice(total, total);
        for (size_t d = 1; d < count; d++)
            memcpy(buckets[d], identity, point_size);
        for (size_t i = 0; i < reach[w]; i++) {
            unsigned d = digit_at(exponents + 32 * i, (unsigned)(w * c), c);
            if (d)
                add(buckets[d], buckets[d], points[i]);
        }
        /* sum of d * bucket_d: running = bucket_top + ... + bucket_d, added at each d */
        memcpy(running, identity, point_size);
        memcpy(window_sum, identity, point_size);
        for (size_t d = count - 1; d >= 1; d--) {
            add(running, running, buckets[d]);
            add(window_sum, window_sum, running);
        }
        add(total, total, window_sum);
    }
    return 0;
}
