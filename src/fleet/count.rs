//! Counts for people: thousands separators, millions and billions in words,
//! and powers of two for IPv6, so no reader meets a raw 39-digit integer.

use crate::input::range::IpFamily;

/// `1234567` as `1,234,567`.
pub fn count(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size in words: exact below a million, then "8.4 million", "4.3
/// billion", then powers of two.
pub fn size_words(n: u128) -> String {
    const MILLION: u128 = 1_000_000;
    const BILLION: u128 = 1_000_000_000;
    const TRILLION: u128 = 1_000_000_000_000;
    let tenths = |unit: u128| {
        let t = (n * 10 + unit / 2) / unit;
        format!("{}.{}", t / 10, t % 10)
    };
    if n < MILLION {
        count(n)
    } else if n < BILLION {
        format!("{} million", tenths(MILLION))
    } else if n < TRILLION {
        format!("{} billion", tenths(BILLION))
    } else if n.is_power_of_two() {
        format!("2^{}", n.trailing_zeros())
    } else {
        // The nearest power of two, halfway rounding up.
        let k = 127 - n.leading_zeros();
        let below = 1u128 << k;
        format!("about 2^{}", if n - below >= below / 2 { k + 1 } else { k })
    }
}

/// How many addresses of a family, in words: "no IPv4 addresses", "1 IPv6
/// address", "8.4 million IPv4 addresses", "all of IPv6".
pub fn addresses(family: IpFamily, n: u128) -> String {
    let label = family.label();
    if n == 0 {
        return format!("no {label} addresses");
    }
    if n == 1 {
        return format!("1 {label} address");
    }
    // The whole IPv6 space saturates at 2^128 - 1.
    if n >= family.max() {
        return format!("all of {label}");
    }
    format!("{} {label} addresses", size_words(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_people_write_them() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_200), "1,200");
        assert_eq!(count(4_277_141_248), "4,277,141,248");
        assert_eq!(size_words(8_388_608), "8.4 million");
        assert_eq!(size_words(4_277_141_248), "4.3 billion");
        assert_eq!(size_words(1u128 << 64), "2^64");
        assert_eq!(size_words(3u128 << 80), "about 2^82");
        assert_eq!(size_words(5u128 << 80), "about 2^82", "a quarter above a power rounds down");
        // Each unit from its first number on.
        assert_eq!(size_words(999_999), "999,999");
        assert_eq!(size_words(1_000_000), "1.0 million");
        assert_eq!(size_words(1_000_000_000), "1.0 billion");
        assert_eq!(size_words(1_000_000_000_000), "about 2^40");
        assert_eq!(addresses(IpFamily::V4, 0), "no IPv4 addresses");
        assert_eq!(addresses(IpFamily::V4, 1), "1 IPv4 address");
        assert_eq!(addresses(IpFamily::V4, 65_536), "65,536 IPv4 addresses");
        assert_eq!(addresses(IpFamily::V4, 1u128 << 32), "all of IPv4");
        assert_eq!(addresses(IpFamily::V6, u128::MAX), "all of IPv6");
        assert_eq!(addresses(IpFamily::V6, 1u128 << 80), "2^80 IPv6 addresses");
    }
}
