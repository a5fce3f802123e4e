#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| bantin_fuzz::archive_files(data));
