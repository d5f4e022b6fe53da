//! The refresher: a thread with its own connection that keeps the snapshot on screen
//! current. About four times a second it asks SQLite whether the file changed
//! (`PRAGMA data_version`, which moves with every commit of another connection: another
//! console, a command, this console's own writes); when it did, or when told to look,
//! it reads the change feed after the snapshot's newest entry and re-reads only what
//! the entries name (`read::changes_since`). The loop patches that in.

use super::event_loop::Msg;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

/// How often the file is looked at while nothing else happens.
pub const POLL: Duration = Duration::from_millis(250);

enum Order {
    /// The snapshot on screen includes the feed up to this entry, as of this day.
    Follow(i64, NaiveDate),
    /// A snapshot is being computed: wait for it.
    Pause,
    /// Look now.
    Look,
}

/// The loop's end of the refresher.
pub struct Refresher {
    orders: Sender<Order>,
}

impl Refresher {
    pub fn follow(&self, seen: i64, as_of: NaiveDate) {
        let _ = self.orders.send(Order::Follow(seen, as_of));
    }

    pub fn pause(&self) {
        let _ = self.orders.send(Order::Pause);
    }

    pub fn look(&self) {
        let _ = self.orders.send(Order::Look);
    }
}

/// Starts the refresher on `db`; what it reads goes down `send`. It ends when the loop
/// drops its end.
pub fn spawn(db: PathBuf, send: Sender<Msg>) -> Refresher {
    let (orders, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let store = match crate::store::Store::open_existing(&db) {
            Ok(s) => s,
            Err(e) => {
                let _ = send.send(Msg::Changes(Err(e.to_string())));
                return;
            }
        };
        let mut following: Option<(i64, NaiveDate)> = None;
        let mut version = None;
        loop {
            let mut look = false;
            match receive.recv_timeout(POLL) {
                Ok(Order::Follow(seen, as_of)) => {
                    following = Some((seen, as_of));
                    look = true;
                }
                Ok(Order::Pause) => following = None,
                Ok(Order::Look) => look = true,
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            let Some((seen, as_of)) = following else { continue };
            let now = crate::store::data_version(&store).ok();
            if !look && now.is_some() && now == version {
                continue;
            }
            version = now;
            let changes = crate::read::changes_since(&store, seen, as_of);
            match &changes {
                Ok(crate::read::Changes::None) => continue,
                Ok(crate::read::Changes::Delta(d)) => following = Some((d.seen, as_of)),
                // The loop recomputes, then says which snapshot to follow.
                Ok(crate::read::Changes::Everything(_)) => following = None,
                // Tried again with the next change of the file.
                Err(_) => {}
            }
            if send.send(Msg::Changes(changes.map_err(|e| e.to_string()))).is_err() {
                return;
            }
        }
    });
    Refresher { orders }
}
