#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| bantin_fuzz::feed_decode(data));
