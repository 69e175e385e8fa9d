//! Dependency expressions: the strings of `GetClusterResourceDependencyExpression` and
//! `SetClusterResourceDependencyExpression` (engine-properties-notify.md §A.4).
//!
//! Grammar (SetClusterResourceDependencyExpression page, with the bare `or` chain MS-CMRP
//! 3.1.4.2.109 also allows):
//!
//! ```text
//! expr    := ""                      (no dependencies: clears them, (unverified), a choice)
//!          | part { "and" part }
//!          | name "or" name { "or" name }
//! part    := name | "(" or_expr ")"
//! or_expr := name { "or" name }
//! name    := "[" any characters but "]" "]"
//! ```
//!
//! `and` and `or` ignore case and need no spaces around brackets (`[a]and[b]`); white space
//! between tokens is ignored; a name is taken verbatim between its brackets (so a name holding
//! `]` cannot be written: a choice). Mixing `and` and `or` without parentheses is rejected (a
//! choice: the grammar has no precedence for it). The names a resource is written with are
//! resource names; GUID ids are not accepted (a choice).

use std::fmt;

/// A parsed expression: an AND of OR-sets, each a list of names as written. Empty: no
/// dependencies.
pub(crate) type Expression = Vec<Vec<String>>;

/// Why an expression does not parse. `at` is the character index (0-based) where the problem
/// was seen. Every one is `ERROR_INVALID_PARAMETER` to the API (MS-CMRP 3.1.4.2.109).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ParseError {
    /// A character that starts no token.
    UnexpectedChar {
        /// Where.
        at: usize,
        /// The character.
        ch: char,
    },
    /// A word that is neither `and` nor `or`.
    UnknownWord {
        /// Where it starts.
        at: usize,
        /// The word.
        word: String,
    },
    /// A `[` with no `]` after it.
    UnclosedName {
        /// Where the `[` is.
        at: usize,
    },
    /// `[]`.
    EmptyName {
        /// Where the `[` is.
        at: usize,
    },
    /// A `(` with no `)` after its `or` list.
    UnclosedParen {
        /// Where the `(` is.
        at: usize,
    },
    /// A name or `(` was expected here (`at` = the length of the input: it ended).
    ExpectedOperand {
        /// Where.
        at: usize,
    },
    /// A name was expected here: inside parentheses and in a bare `or` chain only names are
    /// allowed.
    ExpectedName {
        /// Where.
        at: usize,
    },
    /// `and`, `or` or the end was expected here.
    ExpectedOperator {
        /// Where.
        at: usize,
    },
    /// `and` and `or` mixed on one level without parentheses.
    MixedOperators {
        /// Where the second kind of operator is.
        at: usize,
    },
    /// `and` inside parentheses (the grammar has only `or` there).
    AndInsideParens {
        /// Where.
        at: usize,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::UnexpectedChar { at, ch } => write!(f, "unexpected {ch:?} at {at}"),
            ParseError::UnknownWord { at, word } => write!(f, "{word:?} at {at} is neither `and` nor `or`"),
            ParseError::UnclosedName { at } => write!(f, "the `[` at {at} has no `]`"),
            ParseError::EmptyName { at } => write!(f, "empty resource name `[]` at {at}"),
            ParseError::UnclosedParen { at } => write!(f, "the `(` at {at} has no `)`"),
            ParseError::ExpectedOperand { at } => write!(f, "expected `[name]` or `(` at {at}"),
            ParseError::ExpectedName { at } => write!(f, "expected `[name]` at {at}"),
            ParseError::ExpectedOperator { at } => write!(f, "expected `and`, `or` or the end at {at}"),
            ParseError::MixedOperators { at } => {
                write!(f, "`and` and `or` mixed without parentheses at {at}")
            }
            ParseError::AndInsideParens { at } => write!(f, "`and` inside parentheses at {at}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Name(String),
    Open,
    Close,
    And,
    Or,
}

fn tokens(expr: &str) -> Result<Vec<(usize, Token)>, ParseError> {
    let chars: Vec<char> = expr.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push((i, Token::Open));
                i += 1;
            }
            ')' => {
                out.push((i, Token::Close));
                i += 1;
            }
            '[' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&c| c == ']')
                    .ok_or(ParseError::UnclosedName { at: i })?;
                if end == 0 {
                    return Err(ParseError::EmptyName { at: i });
                }
                out.push((i, Token::Name(chars[i + 1..i + 1 + end].iter().collect())));
                i += end + 2;
            }
            c if c.is_alphabetic() => {
                let len = chars[i..].iter().take_while(|c| c.is_alphanumeric()).count();
                let word: String = chars[i..i + len].iter().collect();
                let token = match word.to_ascii_lowercase().as_str() {
                    "and" => Token::And,
                    "or" => Token::Or,
                    _ => return Err(ParseError::UnknownWord { at: i, word }),
                };
                out.push((i, token));
                i += len;
            }
            ch => return Err(ParseError::UnexpectedChar { at: i, ch }),
        }
    }
    Ok(out)
}

/// Parses an expression (see the module docs).
///
/// # Errors
/// The first [`ParseError`] found, left to right.
pub(crate) fn parse(expr: &str) -> Result<Expression, ParseError> {
    let tokens = tokens(expr)?;
    let end = expr.chars().count();
    let mut p = Parser { tokens: &tokens, next: 0, end };
    if tokens.is_empty() {
        return Ok(Vec::new());
    }
    let (first, bare) = p.part()?;
    let mut sets = vec![first];
    let mut mode: Option<Token> = None;
    while let Some((at, token)) = p.take() {
        match token {
            Token::And | Token::Or if mode.as_ref().is_some_and(|m| m != token) => {
                return Err(ParseError::MixedOperators { at });
            }
            Token::And => {
                mode = Some(Token::And);
                sets.push(p.part()?.0);
            }
            Token::Or => {
                mode = Some(Token::Or);
                if !bare {
                    return Err(ParseError::MixedOperators { at });
                }
                let name = p.name()?;
                sets[0].push(name);
            }
            _ => return Err(ParseError::ExpectedOperator { at }),
        }
    }
    Ok(sets)
}

struct Parser<'a> {
    tokens: &'a [(usize, Token)],
    next: usize,
    end: usize,
}

impl<'a> Parser<'a> {
    fn take(&mut self) -> Option<(usize, &'a Token)> {
        let (at, t) = self.tokens.get(self.next)?;
        self.next += 1;
        Some((*at, t))
    }

    /// `part`: the OR-set, and whether it was a bare name.
    fn part(&mut self) -> Result<(Vec<String>, bool), ParseError> {
        match self.take() {
            Some((_, Token::Name(n))) => Ok((vec![n.clone()], true)),
            Some((open, Token::Open)) => {
                let mut set = vec![self.name()?];
                loop {
                    match self.take() {
                        Some((_, Token::Close)) => return Ok((set, false)),
                        Some((_, Token::Or)) => set.push(self.name()?),
                        Some((at, Token::And)) => return Err(ParseError::AndInsideParens { at }),
                        Some((at, _)) => return Err(ParseError::ExpectedOperator { at }),
                        None => return Err(ParseError::UnclosedParen { at: open }),
                    }
                }
            }
            Some((at, _)) => Err(ParseError::ExpectedOperand { at }),
            None => Err(ParseError::ExpectedOperand { at: self.end }),
        }
    }

    fn name(&mut self) -> Result<String, ParseError> {
        match self.take() {
            Some((_, Token::Name(n))) => Ok(n.clone()),
            Some((at, _)) => Err(ParseError::ExpectedName { at }),
            None => Err(ParseError::ExpectedName { at: self.end }),
        }
    }
}

/// The expression of an AND of OR-sets of provider names: `[a] and ([b] or [c])`, sets and
/// names in order, a set of one without parentheses; "" for none
/// (GetClusterResourceDependencyExpression: names, not ids, is (unverified), a choice).
pub(crate) fn format<'a>(sets: impl IntoIterator<Item = Vec<&'a str>>) -> String {
    let mut out = String::new();
    for (i, set) in sets.into_iter().enumerate() {
        if i > 0 {
            out.push_str(" and ");
        }
        let grouped = set.len() > 1;
        if grouped {
            out.push('(');
        }
        for (j, n) in set.iter().enumerate() {
            if j > 0 {
                out.push_str(" or ");
            }
            out.push('[');
            out.push_str(n);
            out.push(']');
        }
        if grouped {
            out.push(')');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sets(e: &str) -> Vec<Vec<&'static str>> {
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        parse(e).unwrap().into_iter().map(|s| s.into_iter().map(leak).collect()).collect()
    }

    #[test]
    fn the_documented_shapes_parse() {
        assert_eq!(sets(""), Vec::<Vec<&str>>::new());
        assert_eq!(sets("   "), Vec::<Vec<&str>>::new());
        assert_eq!(sets("[Cluster IP Address]"), [vec!["Cluster IP Address"]]);
        assert_eq!(sets("[a] and [b]"), [vec!["a"], vec!["b"]]);
        assert_eq!(sets("[a]AND[b] and [c]"), [vec!["a"], vec!["b"], vec!["c"]]);
        assert_eq!(sets("([a] or [b]) and [c]"), [vec!["a", "b"], vec!["c"]]);
        assert_eq!(sets("([id1] Or [id2]) and ([id3] or [id4])"), [vec!["id1", "id2"], vec!["id3", "id4"]]);
        assert_eq!(sets("([a])"), [vec!["a"]]);
        assert_eq!(sets("[a] or [b] or [c]"), [vec!["a", "b", "c"]], "a bare or chain (MS-CMRP)");
        assert_eq!(sets("[ spaced name ]"), [vec![" spaced name "]], "names are verbatim");
    }

    #[test]
    fn errors_say_what_and_where() {
        use ParseError::*;
        assert_eq!(parse("[a"), Err(UnclosedName { at: 0 }));
        assert_eq!(parse("[a] and []"), Err(EmptyName { at: 8 }));
        assert_eq!(parse("[a] and"), Err(ExpectedOperand { at: 7 }));
        assert_eq!(parse("and [a]"), Err(ExpectedOperand { at: 0 }));
        assert_eq!(parse("[a] [b]"), Err(ExpectedOperator { at: 4 }));
        assert_eq!(parse("[a] xor [b]"), Err(UnknownWord { at: 4, word: "xor".into() }));
        assert_eq!(parse("[a] & [b]"), Err(UnexpectedChar { at: 4, ch: '&' }));
        assert_eq!(parse("([a] or [b]"), Err(UnclosedParen { at: 0 }));
        assert_eq!(parse("([a] and [b])"), Err(AndInsideParens { at: 5 }));
        assert_eq!(parse("[a] or [b] and [c]"), Err(MixedOperators { at: 11 }));
        assert_eq!(parse("[a] and [b] or [c]"), Err(MixedOperators { at: 12 }));
        assert_eq!(parse("([a] or [b]) or [c]"), Err(MixedOperators { at: 13 }));
        assert_eq!(parse("[a] or ([b])"), Err(ExpectedName { at: 7 }));
        assert_eq!(parse("(([a]))"), Err(ExpectedName { at: 1 }));
        assert_eq!(parse("[a])"), Err(ExpectedOperator { at: 3 }));
        assert!(parse("[a] and []").unwrap_err().to_string().contains("empty"));
    }

    #[test]
    fn format_writes_an_and_list_that_parses_back() {
        assert_eq!(format(Vec::<Vec<&str>>::new()), "");
        assert_eq!(format([vec!["Cluster IP Address"]]), "[Cluster IP Address]");
        let e = format([vec!["SQL Network Name (SQLFCI01)"], vec!["Cluster Disk 4"]]);
        assert_eq!(e, "[SQL Network Name (SQLFCI01)] and [Cluster Disk 4]");
        assert_eq!(sets(&e), [vec!["SQL Network Name (SQLFCI01)"], vec!["Cluster Disk 4"]]);
    }

    #[test]
    fn format_writes_or_sets_in_parentheses_that_parse_back() {
        let e = format([vec!["ip a", "ip b"], vec!["disk"]]);
        assert_eq!(e, "([ip a] or [ip b]) and [disk]");
        assert_eq!(sets(&e), [vec!["ip a", "ip b"], vec!["disk"]]);
    }
}
