#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| leverage_fuzz::inline(data));
