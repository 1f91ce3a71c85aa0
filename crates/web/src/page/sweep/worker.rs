//! The maps' Web Worker (www/sweep-worker.js, a module worker with its own instance of the
//! wasm module): started on the first map, sent one job at a time as the JS API's sweep
//! config, and heard back as progress, a result (the columns of `sweep()`) or an error. A new
//! job or a cancel replaces the running one between two of the worker's chunks, so the page
//! never waits for a map. What the worker says goes to the listener the figure gives
//! ([`MapWorker::new`]).

use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::error::WebError;
use crate::model::url::Pairs;

/// The worker's script, next to the page.
const WORKER_URL: &str = "sweep-worker.js";

/// What the worker says about job `id`.
#[derive(Debug)]
pub enum Message {
    /// `done` of `total` cells have ended.
    Progress {
        /// The job.
        id: u32,
        /// Cells done.
        done: usize,
        /// All cells.
        total: usize,
    },
    /// The job's result: one column per name of the sweep's columns.
    Result {
        /// The job.
        id: u32,
        /// The columns, in the order of the result's `columns`.
        columns: Vec<Vec<f64>>,
    },
    /// The job could not run (the core's message).
    Error {
        /// The job.
        id: u32,
        /// Why.
        message: String,
    },
    /// The worker could not load, or failed: no job of it will end.
    Failed {
        /// Why.
        message: String,
    },
}

/// The worker, once started, and who hears it.
pub struct MapWorker {
    worker: Option<Worker>,
    listener: fn(Message),
}

/// `object[key]`.
fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads a message of the worker; `None` for one of no known shape.
fn parse(data: &JsValue) -> Option<Message> {
    let id = get(data, "id").as_f64()? as u32;
    match get(data, "type").as_string()?.as_str() {
        "progress" => Some(Message::Progress {
            id,
            done: get(data, "done").as_f64()? as usize,
            total: get(data, "total").as_f64()? as usize,
        }),
        "result" => {
            let result = get(data, "result");
            let names = Array::from(&get(&result, "columns"));
            let columns = names
                .iter()
                .map(|name| {
                    let column = Reflect::get(&result, &name).ok()?;
                    Some(column.dyn_into::<Float64Array>().ok()?.to_vec())
                })
                .collect::<Option<Vec<_>>>()?;
            Some(Message::Result { id, columns })
        }
        "error" => Some(Message::Error {
            id,
            message: get(data, "message").as_string()?,
        }),
        _ => None,
    }
}

/// Starts the worker and routes its messages to `listener`.
fn start(listener: fn(Message)) -> Result<Worker, WebError> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(WORKER_URL, &options)?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(message) = parse(&event.data()) {
            listener(message);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
        listener(Message::Failed {
            message: event.message(),
        });
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Ok(worker)
}

impl MapWorker {
    /// A worker, started with the first job, whose messages go to `listener`.
    pub fn new(listener: fn(Message)) -> MapWorker {
        MapWorker {
            worker: None,
            listener,
        }
    }

    /// Sends job `id`, the sweep of `pairs` (the JS API's config), replacing any other.
    pub fn run(&mut self, id: u32, pairs: &Pairs) -> Result<(), WebError> {
        if self.worker.is_none() {
            self.worker = Some(start(self.listener)?);
        }
        let config = Object::new();
        for (key, value) in pairs {
            Reflect::set(&config, &JsValue::from_str(key), &JsValue::from_str(value))?;
        }
        let message = Object::new();
        Reflect::set(&message, &"type".into(), &"run".into())?;
        Reflect::set(&message, &"id".into(), &JsValue::from(id))?;
        Reflect::set(&message, &"config".into(), &config)?;
        self.post(&message)
    }

    /// Drops job `id` at the worker's next chunk.
    pub fn cancel(&self, id: u32) {
        let message = Object::new();
        let _ = Reflect::set(&message, &"type".into(), &"cancel".into());
        let _ = Reflect::set(&message, &"id".into(), &JsValue::from(id));
        let _ = self.post(&message);
    }

    /// Stops the worker for good (it failed to start or to load).
    pub fn stop(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
    }

    fn post(&self, message: &Object) -> Result<(), WebError> {
        match &self.worker {
            Some(worker) => Ok(worker.post_message(message)?),
            None => Ok(()),
        }
    }
}
