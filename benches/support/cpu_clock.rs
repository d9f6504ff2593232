//! The calling thread's CPU time, shared by `benches/check.rs` and the `cost` and `rule_cost`
//! examples (each includes this file with `#[path]`). Unlike wall-clock time it does not count
//! the time the thread waits for a core, so figures stay comparable on a shared machine.
use std::time::{Duration, Instant};

/// CPU time of the calling thread (Linux, `CLOCK_THREAD_CPUTIME_ID`); off Linux, or when that
/// clock cannot be read, wall-clock time since the first call of [`wall_now`].
pub fn cpu_now() -> Duration {
    thread_cpu_time().unwrap_or_else(wall_now)
}

/// Wall-clock time since the first call.
pub fn wall_now() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

#[cfg(target_os = "linux")]
fn thread_cpu_time() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: clock_gettime writes one timespec (two 64-bit fields on 64-bit Linux) into `ts`.
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 && cfg!(target_pointer_width = "64");
    ok.then(|| Duration::new(ts.sec as u64, ts.nsec as u32))
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu_time() -> Option<Duration> {
    None
}
