//! A small WebAssembly binary writer: just what a kernel needs (one imported memory, imported
//! functions, exported functions with `i32` and `f64` locals, numeric instructions, loads and
//! stores, structured control flow, and the 128-bit SIMD operations on pairs of `f64`).
//! Instructions are written as their binary opcodes from the WebAssembly 2.0 specification.

/// A value type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValType {
    I32,
    F64,
    /// 128 bits: here, two `f64` lanes or their comparison masks.
    V128,
}

impl ValType {
    fn code(self) -> u8 {
        match self {
            ValType::I32 => 0x7F,
            ValType::F64 => 0x7C,
            ValType::V128 => 0x7B,
        }
    }
}

/// A function's type: its parameters and results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FuncType {
    pub params: Vec<ValType>,
    pub results: Vec<ValType>,
}

/// Appends `value` as unsigned LEB128.
fn unsigned(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7F) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Appends `value` as signed LEB128.
fn signed(out: &mut Vec<u8>, mut value: i64) {
    loop {
        let byte = (value & 0x7F) as u8;
        value >>= 7;
        let done = (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0);
        if done {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Appends a name: its length, then its UTF-8 bytes.
fn name(out: &mut Vec<u8>, text: &str) {
    unsigned(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

/// A function body being written: its extra locals and its instructions.
#[derive(Clone, Debug, Default)]
pub(crate) struct Body {
    /// Types of the locals after the parameters.
    locals: Vec<ValType>,
    /// Number of parameters (locals 0 to params − 1).
    params: u32,
    code: Vec<u8>,
}

/// The local variables' numbers.
pub(crate) type Local = u32;

// Out of line: the kernel builders call these thousands of times, and inlined they would
// make the WebAssembly module much larger for no measurable gain.
impl Body {
    /// A body for a function with `params` parameters.
    #[inline(never)]
    pub(crate) fn new(params: u32) -> Body {
        Body {
            params,
            ..Body::default()
        }
    }

    /// A new local of type `ty`.
    #[inline(never)]
    pub(crate) fn local(&mut self, ty: ValType) -> Local {
        self.locals.push(ty);
        self.params + self.locals.len() as u32 - 1
    }

    #[inline(never)]
    fn op(&mut self, opcode: u8) -> &mut Self {
        self.code.push(opcode);
        self
    }

    #[inline(never)]
    fn op_index(&mut self, opcode: u8, index: u32) -> &mut Self {
        self.code.push(opcode);
        unsigned(&mut self.code, u64::from(index));
        self
    }

    /// `local.get`.
    #[inline(never)]
    pub(crate) fn get(&mut self, local: Local) -> &mut Self {
        self.op_index(0x20, local)
    }

    /// `local.set`.
    #[inline(never)]
    pub(crate) fn set(&mut self, local: Local) -> &mut Self {
        self.op_index(0x21, local)
    }

    /// `i32.const`.
    #[inline(never)]
    pub(crate) fn i32_const(&mut self, value: i32) -> &mut Self {
        self.code.push(0x41);
        signed(&mut self.code, i64::from(value));
        self
    }

    /// `f64.const`.
    #[inline(never)]
    pub(crate) fn f64_const(&mut self, value: f64) -> &mut Self {
        self.code.push(0x44);
        self.code.extend_from_slice(&value.to_bits().to_le_bytes());
        self
    }

    /// `f64.load` at the address on the stack plus `offset` bytes.
    #[inline(never)]
    pub(crate) fn f64_load(&mut self, offset: u32) -> &mut Self {
        self.code.extend_from_slice(&[0x2B, 3]);
        unsigned(&mut self.code, u64::from(offset));
        self
    }

    /// `f64.store` (address, then value, on the stack) at the address plus `offset` bytes.
    #[inline(never)]
    pub(crate) fn f64_store(&mut self, offset: u32) -> &mut Self {
        self.code.extend_from_slice(&[0x39, 3]);
        unsigned(&mut self.code, u64::from(offset));
        self
    }

    /// A SIMD instruction without immediates.
    #[inline(never)]
    pub(crate) fn simd(&mut self, op: Simd) -> &mut Self {
        self.code.push(0xFD);
        unsigned(&mut self.code, op as u64);
        self
    }

    /// `v128.load` at the address on the stack plus `offset` bytes.
    #[inline(never)]
    pub(crate) fn v128_load(&mut self, offset: u32) -> &mut Self {
        self.code.extend_from_slice(&[0xFD, 0x00, 3]);
        unsigned(&mut self.code, u64::from(offset));
        self
    }

    /// `v128.store` (address, then value, on the stack) at the address plus `offset` bytes.
    #[inline(never)]
    pub(crate) fn v128_store(&mut self, offset: u32) -> &mut Self {
        self.code.extend_from_slice(&[0xFD, 0x0B, 3]);
        unsigned(&mut self.code, u64::from(offset));
        self
    }

    /// `v128.const` of two `f64` lanes (by their bits, so masks too).
    #[inline(never)]
    pub(crate) fn v128_const(&mut self, lanes: [u64; 2]) -> &mut Self {
        self.code.extend_from_slice(&[0xFD, 0x0C]);
        for lane in lanes {
            self.code.extend_from_slice(&lane.to_le_bytes());
        }
        self
    }

    /// `f64x2.extract_lane`.
    #[inline(never)]
    pub(crate) fn extract_lane(&mut self, lane: u8) -> &mut Self {
        self.code.extend_from_slice(&[0xFD, 0x21, lane]);
        self
    }

    /// `f64x2.replace_lane` (vector, then value, on the stack).
    #[inline(never)]
    pub(crate) fn replace_lane(&mut self, lane: u8) -> &mut Self {
        self.code.extend_from_slice(&[0xFD, 0x22, lane]);
        self
    }

    /// `call` of function `index`.
    #[inline(never)]
    pub(crate) fn call(&mut self, index: u32) -> &mut Self {
        self.op_index(0x10, index)
    }

    /// `block` with no result.
    #[inline(never)]
    pub(crate) fn block(&mut self) -> &mut Self {
        self.code.extend_from_slice(&[0x02, 0x40]);
        self
    }

    /// `loop` with no result.
    #[inline(never)]
    pub(crate) fn loop_(&mut self) -> &mut Self {
        self.code.extend_from_slice(&[0x03, 0x40]);
        self
    }

    /// `if` with no result.
    #[inline(never)]
    pub(crate) fn if_(&mut self) -> &mut Self {
        self.code.extend_from_slice(&[0x04, 0x40]);
        self
    }

    /// `else`.
    #[inline(never)]
    pub(crate) fn else_(&mut self) -> &mut Self {
        self.op(0x05)
    }

    /// `end` of a block, loop, if or the function.
    #[inline(never)]
    pub(crate) fn end(&mut self) -> &mut Self {
        self.op(0x0B)
    }

    /// `br` to the `depth`-th enclosing block.
    #[inline(never)]
    pub(crate) fn br(&mut self, depth: u32) -> &mut Self {
        self.op_index(0x0C, depth)
    }

    /// `br_if` to the `depth`-th enclosing block.
    #[inline(never)]
    pub(crate) fn br_if(&mut self, depth: u32) -> &mut Self {
        self.op_index(0x0D, depth)
    }

    /// `select` (of two f64 by an i32 condition).
    #[inline(never)]
    pub(crate) fn select(&mut self) -> &mut Self {
        self.op(0x1B)
    }

    /// A numeric instruction without immediates.
    #[inline(never)]
    pub(crate) fn num(&mut self, op: Num) -> &mut Self {
        self.op(op as u8)
    }

    /// The body's bytes: locals, code, and the closing `end`.
    #[inline(never)]
    fn finish(mut self) -> Vec<u8> {
        self.end();
        let mut body = Vec::new();
        // Locals as runs of one type.
        let mut runs: Vec<(u32, ValType)> = Vec::new();
        for &ty in &self.locals {
            match runs.last_mut() {
                Some((count, last)) if *last == ty => *count += 1,
                _ => runs.push((1, ty)),
            }
        }
        unsigned(&mut body, runs.len() as u64);
        for (count, ty) in runs {
            unsigned(&mut body, u64::from(count));
            body.push(ty.code());
        }
        body.extend_from_slice(&self.code);
        let mut out = Vec::new();
        unsigned(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
        out
    }
}

/// Numeric instructions without immediates, by opcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Num {
    I32Eqz = 0x45,
    I32LtS = 0x48,
    I32GeS = 0x4E,
    F64Eq = 0x61,
    F64Ne = 0x62,
    F64Lt = 0x63,
    F64Le = 0x65,
    F64Ge = 0x66,
    I32Add = 0x6A,
    I32Mul = 0x6C,
    I32And = 0x71,
    I32Or = 0x72,
    I32Shl = 0x74,
    F64Abs = 0x99,
    F64Neg = 0x9A,
    F64Ceil = 0x9B,
    F64Floor = 0x9C,
    F64Trunc = 0x9D,
    F64Sqrt = 0x9F,
    F64Add = 0xA0,
    F64Sub = 0xA1,
    F64Mul = 0xA2,
    F64Div = 0xA3,
    F64CopySign = 0xA6,
    I32TruncF64S = 0xAA,
    F64ConvertI32S = 0xB7,
    I32Popcnt = 0x69,
}

/// SIMD instructions without immediates (after the 0xFD prefix), on `f64x2` lanes and
/// `v128` masks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub(crate) enum Simd {
    F64x2Splat = 0x14,
    F64x2Eq = 0x47,
    F64x2Ne = 0x48,
    F64x2Lt = 0x49,
    F64x2Le = 0x4B,
    F64x2Ge = 0x4C,
    V128Not = 0x4D,
    V128And = 0x4E,
    /// (a, b): a and not b.
    V128AndNot = 0x4F,
    V128Or = 0x50,
    /// (a, b, mask): the bits of a where the mask's are set, else b's.
    V128Bitselect = 0x52,
    V128AnyTrue = 0x53,
    F64x2Ceil = 0x74,
    F64x2Floor = 0x75,
    F64x2Trunc = 0x7A,
    I64x2AllTrue = 0xC3,
    I64x2Bitmask = 0xC4,
    F64x2Abs = 0xEC,
    F64x2Neg = 0xED,
    F64x2Sqrt = 0xEF,
    F64x2Add = 0xF0,
    F64x2Sub = 0xF1,
    F64x2Mul = 0xF2,
    F64x2Div = 0xF3,
}

/// A module: imported memory and functions, defined functions, exports.
#[derive(Clone, Debug, Default)]
pub(crate) struct Module {
    types: Vec<FuncType>,
    imports: Vec<(String, String, u32)>,
    functions: Vec<(u32, Body)>,
    exports: Vec<(String, u32)>,
}

impl Module {
    fn type_index(&mut self, ty: FuncType) -> u32 {
        match self.types.iter().position(|t| *t == ty) {
            Some(i) => i as u32,
            None => {
                self.types.push(ty);
                self.types.len() as u32 - 1
            }
        }
    }

    /// Imports function `module.field` of type `ty`; returns its function index. All imports
    /// come before the first defined function.
    pub(crate) fn import_function(&mut self, module: &str, field: &str, ty: FuncType) -> u32 {
        debug_assert!(self.functions.is_empty());
        let index = self.type_index(ty);
        self.imports
            .push((module.to_owned(), field.to_owned(), index));
        self.imports.len() as u32 - 1
    }

    /// Defines a function of type `ty` with `body`, exported as `export`; returns its index.
    pub(crate) fn export_function(&mut self, export: &str, ty: FuncType, body: Body) -> u32 {
        let index = self.type_index(ty);
        self.functions.push((index, body));
        let function = (self.imports.len() + self.functions.len() - 1) as u32;
        self.exports.push((export.to_owned(), function));
        function
    }

    /// The module's bytes. It imports its memory as `env.memory` (at least one page).
    pub(crate) fn finish(self) -> Vec<u8> {
        let mut out = b"\0asm".to_vec();
        out.extend_from_slice(&1u32.to_le_bytes());
        let section = |out: &mut Vec<u8>, id: u8, content: Vec<u8>| {
            out.push(id);
            unsigned(out, content.len() as u64);
            out.extend_from_slice(&content);
        };
        // Types.
        let mut content = Vec::new();
        unsigned(&mut content, self.types.len() as u64);
        for ty in &self.types {
            content.push(0x60);
            for list in [&ty.params, &ty.results] {
                unsigned(&mut content, list.len() as u64);
                content.extend(list.iter().map(|t| t.code()));
            }
        }
        section(&mut out, 1, content);
        // Imports: the functions, then the memory.
        let mut content = Vec::new();
        unsigned(&mut content, self.imports.len() as u64 + 1);
        for (module, field, ty) in &self.imports {
            name(&mut content, module);
            name(&mut content, field);
            content.push(0x00);
            unsigned(&mut content, u64::from(*ty));
        }
        name(&mut content, "env");
        name(&mut content, "memory");
        content.extend_from_slice(&[0x02, 0x00, 0x01]);
        section(&mut out, 2, content);
        // Functions.
        let mut content = Vec::new();
        unsigned(&mut content, self.functions.len() as u64);
        for (ty, _) in &self.functions {
            unsigned(&mut content, u64::from(*ty));
        }
        section(&mut out, 3, content);
        // Exports.
        let mut content = Vec::new();
        unsigned(&mut content, self.exports.len() as u64);
        for (export, index) in &self.exports {
            name(&mut content, export);
            content.push(0x00);
            unsigned(&mut content, u64::from(*index));
        }
        section(&mut out, 7, content);
        // Code.
        let mut content = Vec::new();
        unsigned(&mut content, self.functions.len() as u64);
        for (_, body) in self.functions {
            content.extend_from_slice(&body.finish());
        }
        section(&mut out, 10, content);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leb128_as_the_specification_encodes_it() {
        let enc = |v: u64| {
            let mut out = Vec::new();
            unsigned(&mut out, v);
            out
        };
        let enc_signed = |v: i64| {
            let mut out = Vec::new();
            signed(&mut out, v);
            out
        };
        assert_eq!(enc(0), [0]);
        assert_eq!(enc(127), [0x7F]);
        assert_eq!(enc(128), [0x80, 0x01]);
        assert_eq!(enc(624_485), [0xE5, 0x8E, 0x26]);
        assert_eq!(enc_signed(-1), [0x7F]);
        assert_eq!(enc_signed(63), [0x3F]);
        assert_eq!(enc_signed(64), [0xC0, 0x00]);
        assert_eq!(enc_signed(-123_456), [0xC0, 0xBB, 0x78]);
    }

    #[test]
    fn locals_are_grouped_in_runs() {
        let mut body = Body::new(1);
        assert_eq!(body.local(ValType::F64), 1);
        assert_eq!(body.local(ValType::F64), 2);
        assert_eq!(body.local(ValType::I32), 3);
        let bytes = body.finish();
        // size, 2 runs: 2 × f64, 1 × i32, end.
        assert_eq!(bytes, [6, 2, 2, 0x7C, 1, 0x7F, 0x0B]);
    }
}
