//! How long each step of a build took, and the memory and CPU time it used
//! (`build --timings`).

use std::time::{Duration, Instant};

/// One step of a build: its name, its wall time, and the process's peak resident memory by
/// its end (KiB; where the system tells it, Linux).
#[derive(Debug, Clone)]
pub struct Lap {
    pub name: &'static str,
    pub took: Duration,
    pub peak_kib: Option<u64>,
    /// CPU time (user and system, all threads) the process spent in the step: near the
    /// wall time times the cores when the step keeps them all busy.
    pub cpu: Option<Duration>,
}

/// The process's CPU time so far, from `/proc/self/stat` (`utime` + `stime`, in the
/// kernel's 100 Hz clock ticks).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let utime: u64 = fields.nth(11)?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

/// The process's peak resident set so far, from `/proc/self/status` (`VmHWM`).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The wall time of each step of a build, as [`BuildReport::timings`](super::BuildReport::timings) lists them.
pub struct Laps {
    last: Instant,
    last_cpu: Option<Duration>,
    pub(crate) steps: Vec<Lap>,
}

impl Default for Laps {
    fn default() -> Laps {
        Laps::new()
    }
}

impl Laps {
    pub fn new() -> Laps {
        Laps {
            last: Instant::now(),
            last_cpu: cpu_time(),
            steps: Vec::new(),
        }
    }

    /// Close the step that began at the previous call (or at [`Laps::new`]).
    pub fn step(&mut self, name: &'static str) {
        let now = Instant::now();
        let cpu = cpu_time();
        self.steps.push(Lap {
            name,
            took: now - self.last,
            peak_kib: peak_rss_kib(),
            cpu: cpu.zip(self.last_cpu).map(|(c, l)| c.saturating_sub(l)),
        });
        self.last = now;
        self.last_cpu = cpu;
    }
}
