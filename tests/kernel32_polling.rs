//! A polling client, written as for Windows, runs unchanged on the virtual clock: it starts an
//! online, then polls `GetClusterResourceState` with `Sleep(100)` until a `GetTickCount64`
//! deadline. `Sleep` moves the simulator's clock, so the pending operation completes after
//! the right number of polls, deterministically, without sleeping.

#![cfg(all(feature = "kernel32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ptr::null_mut;

use clusapi_sim::Sim;
use windows_sys::Win32::Foundation::{ERROR_IO_PENDING, ERROR_SUCCESS};
use windows_sys::Win32::Networking::Clustering::*;
use windows_sys::Win32::System::SystemInformation::{GetTickCount, GetTickCount64};
use windows_sys::Win32::System::Threading::{Sleep, SleepEx};

/// The default cluster, with Generic Service resources taking 2.5 s to come online.
fn slow_services() -> Sim {
    delayed("Generic Service", 2_500, 0)
}

/// The client's code, unchanged from Windows: wait until the resource is online or
/// `timeout_ms` has passed, polling every 100 ms. Gives whether it came online, and how many
/// polls it took.
fn wait_online(resource: HRESOURCE, timeout_ms: u64) -> (bool, u32) {
    // SAFETY: a live handle; NULL name buffers are allowed.
    unsafe {
        let deadline = GetTickCount64() + timeout_ms;
        let mut polls = 0;
        loop {
            polls += 1;
            let state = GetClusterResourceState(resource, null_mut(), null_mut(), null_mut(), null_mut());
            if state == ClusterResourceOnline {
                return (true, polls);
            }
            if GetTickCount64() >= deadline {
                return (false, polls);
            }
            Sleep(100);
        }
    }
}

#[test]
fn a_client_polling_with_sleep_sees_the_pending_online_complete() {
    let sim = slow_services();
    let _g = sim.install();
    let hc = open_local();
    let svc = open_resource(hc, "Contoso App Service");
    // SAFETY: live handles.
    unsafe {
        let start = GetTickCount64();
        assert_eq!(OnlineClusterResource(svc), ERROR_IO_PENDING);
        assert_eq!(wait_online(svc, 10_000), (true, 26), "online at 2.5 s: the 26th poll");
        assert_eq!(GetTickCount64() - start, 2_500, "the virtual clock moved by the sleeps");
        assert_eq!(GetTickCount(), 2_500);
        CloseClusterResource(svc);
        CloseCluster(hc);
    }
}

#[test]
fn a_client_whose_deadline_comes_first_times_out_and_the_operation_goes_on() {
    let sim = slow_services();
    let _g = sim.install();
    let hc = open_local();
    let svc = open_resource(hc, "Contoso App Service");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(OnlineClusterResource(svc), ERROR_IO_PENDING);
        assert_eq!(wait_online(svc, 1_000), (false, 11));
        assert_eq!(GetTickCount64(), 1_000);
        assert_eq!(SleepEx(1_500, 1), 0, "no APC: the wait ends by its time-out");
        let state = GetClusterResourceState(svc, null_mut(), null_mut(), null_mut(), null_mut());
        assert_eq!(state, ClusterResourceOnline);
        assert_eq!(OfflineClusterResource(svc), ERROR_SUCCESS);
        CloseClusterResource(svc);
        CloseCluster(hc);
    }
}

#[test]
fn each_thread_sleeps_on_its_own_simulator_clock() {
    let a = Sim::default();
    let b = Sim::default();
    {
        let _g = a.install();
        // SAFETY: no pointers.
        unsafe { Sleep(700) };
    }
    {
        let _g = b.install();
        // SAFETY: no pointers.
        assert_eq!(unsafe { GetTickCount64() }, 0);
    }
    assert_eq!(a.harness().now().as_millis(), 700);
}
