#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 591:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



exports.quote = __nccwpck_require__(335);
exports.parse = __nccwpck_require__(696);


/***/ }),

/***/ 696:
/***/ ((module) => {



/**
 * @import {
 * 	ControlOperator,
 * 	Env,
 * 	GlobPattern,
 * 	ParseEntry,
 * } from './parse' */

// '<(' and '>(' are process substitution operators and
// can be parsed the same as control operator
var CONTROL = /** @type {const} */ ('(?:') + /** @type {const} */ ([
	'\\|\\|',
	'\\&(?:\\&|>>?)', // `&&`, `&>`, and `&>>`
	';;\\&?', // `;;` and `;;&`
	'[;|]\\&', // `;&` and `|&`
	'\\<\\(',
	'\\<\\<\\<',
	'\\<\\<-',
	'\\<\\<(?!\\()', // `<<(` stays `<` and `<(`, as zsh reads it; other shells reject it
	'>>',
	'>[&|(]', // `>&`, `>|`, and `>(`
	'<[&>]', // `<&` and `<>`
	'[&;()|<>]'
]).join(/** @type {const} */ ('|')) + /** @type {const} */ (')');
var controlRE = new RegExp('^' + CONTROL + '$');
var META = /** @type {const} */ ('|&;()<> \\t');
var SINGLE_QUOTE = /** @type {const} */ ('\'([^\']*?)\'');
// bash ANSI-C quoting, `$'...'`: a backslash escapes the next character, including `'`
var ANSI_C_BODY = '(?:\\\\[\\s\\S]|[^\\\\\'])*?';
var ANSI_C_QUOTE = '\\$\'' + ANSI_C_BODY + '\'';
var ansiCAt = new RegExp('\\$\'' + ANSI_C_BODY + '(?:(\')|\\\\?$)', 'g');
var ANSI_C_LETTERS = 'abeEfnrtv';
var ANSI_C_CHARS = '\x07\b\x1B\x1B\f\n\r\t\v';
var hash = /^#$/;

var SQ = /** @type {const} */ ("'");
var DQ = /** @type {const} */ ('"');
var DS = /** @type {const} */ ('$');

var TOKEN = '';
var mult = /** @type {const} */ (0x100000000); // Math.pow(16, 8);
for (var i = 0; i < 4; i++) {
	TOKEN += (mult * Math.random()).toString(16);
}
var startsWithToken = new RegExp('^' + TOKEN);

/**
 * @param {string} s
 * @param {RegExp} r
 */
function matchAll(s, r) {
	var origIndex = r.lastIndex;

	var matches = [];
	var matchObj;

	while ((matchObj = r.exec(s))) {
		matches[matches.length] = matchObj;
		if (r.lastIndex === matchObj.index) {
			r.lastIndex += 1;
		}
	}

	r.lastIndex = origIndex;

	return matches;
}

/**
 * @param {Env} env
 * @param {string} pre
 * @param {string} key
 */
function getVar(env, pre, key) {
	var r = typeof env === 'function' ? env(key) : env[key];
	if (typeof r === 'undefined' && key != '') {
		r = '';
	} else if (typeof r === 'undefined') {
		r = '$';
	}

	if (typeof r === 'object') {
		return pre + TOKEN + JSON.stringify(r) + TOKEN;
	}
	return pre + r;
}

var ansiCEscape = /\\([0-7]{1,3}|x[\dA-Fa-f]{1,2}|u[\dA-Fa-f]{1,4}|U[\dA-Fa-f]{1,8}|c(?:\\\\|[\s\S])|[abeEfnrtv\\'"?])/g;

/**
 * @param {string} m
 * @param {string} escape
 */
function expandAnsiCEscape(m, escape) {
	var kind = escape.charAt(0);
	if (kind === 'c') {
		var ctrl = escape.charAt(1);
		return ctrl === '?' ? '\x7F' : String.fromCharCode(ctrl.charCodeAt(0) & 0x1F);
	}
	if (kind === 'x' || kind === 'u' || kind === 'U') {
		var cp = parseInt(escape.slice(1), 16);
		if (cp > 0x10FFFF) {
			return m;
		}
		return String.fromCharCode.apply(null, cp > 0xFFFF ? [0xD7C0 + (cp >> 10), 0xDC00 + (cp & 0x3FF)] : [cp]);
	}
	if (kind >= '0' && kind <= '7') {
		return String.fromCharCode(parseInt(escape, 8) & 0xFF);
	}
	var letter = ANSI_C_LETTERS.indexOf(escape);
	return letter < 0 ? escape : ANSI_C_CHARS.charAt(letter);
}

/** @param {string} body */
function expandAnsiC(body) {
	return body.replace(ansiCEscape, expandAnsiCEscape).split('\0')[0]; // like bash, a NUL ends the string
}

/**
 * @param {string} s
 * @param {number} i
 */
function closesAnsiC(s, i) {
	ansiCAt.lastIndex = i;
	return !!(/** @type {RegExpExecArray} */ (ansiCAt.exec(s)))[1];
}

/**
 * @param {string} string
 * @param {Env} [env]
 * @param {{ escape?: string, splitUnquoted?: boolean | string }} [opts]
 * @returns {ParseEntry[]}
 */
function parseInternal(string, env, opts) {
	if (!opts) {
		opts = {};
	}
	var BS = opts.escape || '\\';
	var ifs = opts.splitUnquoted === true ? ' \t\n' : (typeof opts.splitUnquoted === 'string' ? opts.splitUnquoted : '');
	var BAREWORD = '(\\' + BS + '[\'"$\\' + BS + META + ']|\\$\\$|\\$(?!' + ANSI_C_QUOTE.slice(2) + ')|[^\\s\'"$' + META + '])+';
	var DOUBLE_QUOTE = '"(?:\\' + BS + '[\\s\\S]|[^"\\' + BS + '])*"';

	var chunker = new RegExp([
		'(' + CONTROL + ')', // control chars
		'(' + ANSI_C_QUOTE + '|' + BAREWORD + '|' + DOUBLE_QUOTE + '|' + SINGLE_QUOTE + ')+'
	].join('|'), 'g');

	var matches = matchAll(string, chunker);

	if (matches.length === 0) {
		return [];
	}
	if (!env) {
		env = {};
	}

	var commented = false;

	return matches.map(function (match) {
		var s = match[0];
		if (!s || commented) {
			return void undefined;
		}
		if (controlRE.test(s)) {
			return /** @type {ControlOperator} */ ({ op: s });
		}

		// Hand-written scanner/parser for Bash quoting rules:
		//
		// 1. inside single quotes, all characters are printed literally.
		// 2. inside double quotes, all characters are printed literally
		//    except variables prefixed by '$' and backslashes followed by
		//    either a double quote or another backslash.
		// 3. outside of any quotes, backslashes are treated as escape
		//    characters and not printed (unless they are themselves escaped)
		// 4. quote context can switch mid-token if there is no whitespace
		//     between the two quote contexts (e.g. all'one'"token" parses as
		//     "allonetoken")
		/** @type {string | boolean} */
		var quote = false;
		var esc = false;
		var out = '';
		/** @type {string[]} */
		var words = [];
		var sawQuote = false;
		/** @type {number | null} */
		var pendingNw = null;
		var isGlob = false;
		/** @type {number} */
		var i;

		function parseEnvVar() {
			i += 1;
			/** @type {number | RegExpMatchArray | null} */
			var varend;
			/** @type {string} */
			var varname;
			var char = s.charAt(i);

			if (char === '{') {
				i += 1;
				if (s.charAt(i) === '}') {
					throw new Error('Bad substitution: ' + s.slice(i - 2, i + 1));
				}
				// match braces by depth so a nested `${` keeps its inner `}` from ending the outer substitution
				var depth = 1;
				varend = i;
				while (depth > 0 && varend < s.length) {
					if (s.charAt(varend) === '{' && s.charAt(varend - 1) === '$') {
						depth += 1;
					} else if (s.charAt(varend) === '}') {
						depth -= 1;
					}
					varend += 1;
				}
				if (depth !== 0) {
					throw new Error('Bad substitution: ' + s.slice(i));
				}
				varend -= 1;
				varname = s.slice(i, varend);
				i = varend;
			} else if ((/[*@#?$!-]/).test(char)) {
				varname = char;
			} else {
				var slicedFromI = s.slice(i);
				varend = slicedFromI.match(/[^\w\d_]/);
				if (!varend) {
					varname = slicedFromI;
					i = s.length;
				} else {
					varname = slicedFromI.slice(0, varend.index);
					i += /** @type {number} */ (varend.index) - 1;
				}
			}
			return getVar(/** @type {NonNullable<typeof env>} */ (env), '', varname);
		}

		function flushRun() {
			if (pendingNw === null) {
				return;
			}
			if (pendingNw === 0) {
				if (out !== '') {
					words[words.length] = out;
					out = '';
				}
			} else {
				words[words.length] = out;
				out = '';
				for (var fe = 1; fe < pendingNw; fe += 1) {
					words[words.length] = '';
				}
			}
			pendingNw = null;
		}

		for (i = 0; i < s.length; i++) {
			var c = s.charAt(i);
			if (ifs && c !== DS) {
				flushRun();
			}
			isGlob = isGlob || (!quote && (c === '*' || c === '?'));
			if (esc) {
				out += c;
				esc = false;
			} else if (quote) {
				if (c === quote) {
					quote = false;
				} else if (quote == SQ) {
					out += c;
				} else { // Double quote
					if (c === BS) {
						i += 1;
						c = s.charAt(i);
						if (c === DQ || c === BS || c === DS) {
							out += c;
						} else {
							out += BS + c;
						}
					} else if (c === DS) {
						out += parseEnvVar();
					} else {
						out += c;
					}
				}
			} else if (c === DQ || c === SQ) {
				quote = c;
				sawQuote = true;
			} else if (controlRE.test(c)) {
				return /** @type {ControlOperator} */ ({ op: s });
			} else if (hash.test(c)) {
				commented = true;
				var commentObj = { comment: string.slice(match.index + i + 1) };
				if (out.length) {
					return /** @type {const} */ ([out, commentObj]);
				}
				return /** @type {const} */ ([commentObj]);
			} else if (c === BS) {
				esc = true;
			} else if (c === DS && s.charAt(i + 1) === SQ && closesAnsiC(s, i)) {
				flushRun();
				sawQuote = true;
				out += expandAnsiC(s.slice(i + 2, ansiCAt.lastIndex - 1));
				i = ansiCAt.lastIndex - 1;
			} else if (c === DS) {
				var value = parseEnvVar();
				if (!ifs) {
					out += value;
				} else {
					for (var vi = 0; vi < value.length; vi += 1) {
						var vc = value.charAt(vi);
						if (ifs.indexOf(vc) < 0) {
							flushRun();
							out += vc;
						} else if (pendingNw === null) {
							pendingNw = vc === ' ' || vc === '\t' || vc === '\n' ? 0 : 1;
						} else if (vc !== ' ' && vc !== '\t' && vc !== '\n') {
							pendingNw += 1;
						}
					}
				}
			} else {
				out += c;
			}
		}

		if (isGlob) {
			return /** @type {GlobPattern} */ ({ op: 'glob', pattern: out });
		}

		if (ifs) {
			if (pendingNw !== null && pendingNw > 0) {
				words[words.length] = out;
				out = '';
				for (var te = 1; te < pendingNw; te += 1) {
					words[words.length] = '';
				}
			}
			if (out !== '' || (sawQuote && words.length === 0)) {
				words[words.length] = out;
			}
			return words;
		}

		return out;
	}).reduce(function (prev, arg) { // finalize parsed arguments
		if (typeof arg === 'undefined') {
			return prev;
		}
		/** @type {ParseEntry[]} */ ([]).concat(arg).forEach(function (entry) {
			prev[prev.length] = entry;
		});
		return prev;
	}, /** @type {ParseEntry[]} */ ([]));
}

/** @type {typeof import('./parse')} */
module.exports = function parse(s, env, opts) {
	var mapped = parseInternal(s, env, opts);
	if (typeof env !== 'function') {
		return mapped;
	}
	return mapped.reduce(function (acc, s) {
		if (typeof s === 'object') {
			acc[acc.length] = s;
			return acc;
		}
		var xs = s.split(RegExp('(' + TOKEN + '.*?' + TOKEN + ')', 'g'));
		if (xs.length === 1) {
			acc[acc.length] = xs[0];
			return acc;
		}
		xs.filter(Boolean).forEach(function (x) {
			acc[acc.length] = startsWithToken.test(x)
				? JSON.parse(x.split(TOKEN)[1])
				: x;
		});
		return acc;
	}, /** @type {ParseEntry[]} */ ([]));
};


/***/ }),

/***/ 335:
/***/ ((module) => {



/** @import { ControlOperator } from './parse' */

/** @type {ControlOperator['op'][]} */
var OPS = /** @type {const} */ ([
	'||',
	'&&',
	';;&',
	';;',
	';&',
	'|&',
	'<(',
	'>(',
	'<<<',
	'<<-',
	'<<',
	'>>',
	'>&',
	'>|',
	'&>>',
	'&>',
	'<&',
	'<>',
	'&',
	';',
	'(',
	')',
	'|',
	'<',
	'>'
]);
var LINE_TERMINATORS = /[\n\r\u2028\u2029]/;
var GLOB_SHELL_SPECIAL = /[\s#!"$&'():;<=>@\\^`|~]/g;

/** @type {typeof import('./quote')} */
module.exports = function quote(xs) {
	var sawComment = false;
	return xs.map(function (s) {
		if (sawComment && typeof s === 'string' && LINE_TERMINATORS.test(s)) {
			throw new TypeError('a token after a `comment` must not contain line terminators');
		}
		if (s === '') {
			return /** @type {const} */ ('\'\'');
		}
		if (s && typeof s === 'object') {
			if ('op' in s && s.op === 'glob') {
				if (typeof s.pattern !== 'string') {
					throw new TypeError('glob token requires a string `pattern`');
				}
				if (LINE_TERMINATORS.test(s.pattern)) {
					throw new TypeError('glob `pattern` must not contain line terminators');
				}
				if (s.pattern === '') {
					return /** @type {const} */ ('\'\'');
				}
				return s.pattern.replace(GLOB_SHELL_SPECIAL, '\\$&');
			}
			if ('op' in s && typeof s.op === 'string') {
				if (OPS.indexOf(s.op) < 0) {
					throw new TypeError('invalid `op` value: ' + JSON.stringify(s.op));
				}
				return s.op.replace(/[\s\S]/g, '\\$&');
			}
			if ('comment' in s && typeof s.comment === 'string') {
				if (LINE_TERMINATORS.test(s.comment)) {
					throw new TypeError('`comment` must not contain line terminators');
				}
				sawComment = true;
				return '#' + s.comment;
			}
			throw new TypeError('unrecognized object token shape');
		}
		if ((/'/).test(s) && (/!/).test(s)) {
			return "'" + s.replace(/'/g, "'\"'\"'") + "'";
		}
		if ((/["\s\\]/).test(s) && !(/'/).test(s)) {
			return "'" + s + "'";
		}
		if ((/["'\s]/).test(s)) {
			return '"' + s.replace(/(["\\$`])/g, '\\$1') + '"';
		}
		return String(s).replace(/([A-Za-z]:)?([#!"$&'()*,:;<=>?@[\\\]^`{|}~])/g, '$1\\$2');
	}).join(' ');
};


/***/ }),

/***/ 104:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   KD: () => (/* binding */ parseStreamLine),
/* harmony export */   Wn: () => (/* binding */ describeStatus),
/* harmony export */   qN: () => (/* binding */ windowName)
/* harmony export */ });
// Claude Code's `--output-format stream-json` events, parsed from one line each. Only the fields the
// action reads are typed; anything else on the line is ignored, and a line that is not an event is text.
/** A subscription window as a person names it: `five_hour` is the five-hour window. */
const windowName = (limitType) => limitType === undefined ? 'usage' : limitType.replace(/_/g, '-');
/** A status as words: Claude Code reports a request that never got an answer as status null. */
const describeStatus = (status) => status == null ? 'could not connect (no HTTP status)' : `HTTP ${status}`;
const str = (value) => (typeof value === 'string' ? value : undefined);
const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const obj = (value) => typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
const arr = (value) => (Array.isArray(value) ? value : []);
function contentText(content) {
    if (typeof content === 'string')
        return content;
    return arr(content)
        .map((part) => str(obj(part)?.text) ?? '')
        .join(' ');
}
/** Token counts from an object whose fields are named `names` (input, output, cache read, cache creation). */
function tokenCounts(from, names) {
    if (!from)
        return undefined;
    const [input, output, cacheRead, cacheCreation] = names.map((name) => num(from[name]) ?? 0);
    return { input, output, cacheRead, cacheCreation };
}
function modelUsage(from) {
    if (!from)
        return undefined;
    const models = Object.entries(from).flatMap(([model, value]) => {
        const counts = tokenCounts(obj(value), ['inputTokens', 'outputTokens', 'cacheReadInputTokens', 'cacheCreationInputTokens']);
        return counts ? [[model, { ...counts, costUsd: num(obj(value)?.costUSD) ?? 0 }]] : [];
    });
    return models.length > 0 ? Object.fromEntries(models) : undefined;
}
/** Parses one line of stream-json; undefined when the line is not a JSON event the action reads. */
function parseStreamLine(line) {
    // A throw costs microseconds: only a line that could be one object is parsed.
    if (!line.startsWith('{') || !line.trimEnd().endsWith('}'))
        return undefined;
    let json;
    try {
        json = obj(JSON.parse(line));
    }
    catch {
        return undefined;
    }
    if (!json)
        return undefined;
    const type = json.type;
    if (type === 'system' && json.subtype === 'init') {
        return {
            kind: 'init',
            model: str(json.model),
            apiKeySource: str(json.apiKeySource),
            sessionId: str(json.session_id),
            version: str(json.claude_code_version),
        };
    }
    if (type === 'system' && json.subtype === 'api_retry') {
        return {
            kind: 'api_retry',
            attempt: num(json.attempt),
            maxRetries: num(json.max_retries),
            errorStatus: num(json.error_status) ?? null,
            error: str(json.error),
            retryDelayMs: num(json.retry_delay_ms),
        };
    }
    if (type === 'assistant') {
        const content = arr(obj(json.message)?.content)
            .map(obj)
            .filter((part) => part !== undefined);
        return {
            kind: 'assistant',
            texts: content.filter((part) => part.type === 'text').map((part) => str(part.text) ?? ''),
            toolUses: content
                .filter((part) => part.type === 'tool_use')
                .map((part) => ({ name: str(part.name) ?? 'tool', input: part.input })),
            // A reply the model stopped as a refusal is an error of its own, whatever Claude Code named it.
            error: str(json.error) ?? (obj(json.message)?.stop_reason === 'refusal' ? 'refusal' : undefined),
            apiErrorStatus: num(json.api_error_status),
            apiErrorKind: str(json.api_error) ?? str(json.api_error_type),
            resetsAt: num(obj(obj(json.api_error_params)?.rate_limit_info)?.resetsAt),
            sessionId: str(json.session_id),
        };
    }
    if (type === 'rate_limit_event') {
        const info = obj(json.rate_limit_info);
        const limitType = str(info?.rateLimitType);
        // A refusal names its window's use only among the windows.
        const window = limitType === undefined ? undefined : obj(obj(info?.unifiedWindows)?.[limitType]);
        return {
            kind: 'rate_limit',
            status: str(info?.status),
            resetsAt: num(info?.resetsAt),
            limitType,
            utilization: num(info?.utilization) ?? num(window?.utilization),
            surpassedThreshold: num(info?.surpassedThreshold),
            isUsingOverage: typeof info?.isUsingOverage === 'boolean' ? info.isUsingOverage : undefined,
        };
    }
    if (type === 'user') {
        const result = arr(obj(json.message)?.content)
            .map(obj)
            .find((part) => part?.type === 'tool_result');
        if (!result)
            return undefined;
        return { kind: 'tool_result', isError: result.is_error === true, firstLine: contentText(result.content).split('\n', 1)[0] };
    }
    if (type === 'result') {
        return {
            kind: 'result',
            subtype: str(json.subtype),
            // A result whose subtype names an error (`error_max_turns`, `error_during_execution`) failed, whatever is_error says.
            isError: json.is_error === true || /^error/.test(str(json.subtype) ?? ''),
            apiErrorStatus: num(json.api_error_status) ?? null,
            // A result that failed before any reply says why in `errors` instead.
            result: str(json.result) ??
                (arr(json.errors)
                    .filter((item) => typeof item === 'string')
                    .join('\n') ||
                    undefined),
            apiErrorKind: str(json.api_error) ?? str(json.api_error_type),
            totalCostUsd: num(json.total_cost_usd),
            sessionId: str(json.session_id),
            numTurns: num(json.num_turns),
            durationMs: num(json.duration_ms),
            usage: tokenCounts(obj(json.usage), [
                'input_tokens',
                'output_tokens',
                'cache_read_input_tokens',
                'cache_creation_input_tokens',
            ]),
            modelUsage: modelUsage(obj(json.modelUsage)),
        };
    }
    return undefined;
}


/***/ }),

/***/ 907:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  dc: () => (/* binding */ EXIT),
  p7: () => (/* binding */ RUN_OPTIONS),
  eb: () => (/* binding */ UsageError),
  IB: () => (/* binding */ classifyCommand),
  Sl: () => (/* binding */ diagnoseCommand),
  d1: () => (/* binding */ runCommand)
});

// UNUSED EXPORTS: splitPrompt

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: ./node_modules/shell-quote/index.js
var shell_quote = __nccwpck_require__(591);
// EXTERNAL MODULE: ./src/credentials/api-probe.ts
var api_probe = __nccwpck_require__(893);
// EXTERNAL MODULE: ./src/credentials/claude-login.ts
var claude_login = __nccwpck_require__(454);
// EXTERNAL MODULE: ./src/credentials/credential.ts
var credentials_credential = __nccwpck_require__(333);
// EXTERNAL MODULE: ./src/diagnosis/catalogue.ts
var catalogue = __nccwpck_require__(752);
// EXTERNAL MODULE: ./src/text/lines.ts
var text_lines = __nccwpck_require__(816);
// EXTERNAL MODULE: ./src/diagnosis/observation.ts
var observation = __nccwpck_require__(203);
// EXTERNAL MODULE: ./src/diagnosis/text-signs.ts
var text_signs = __nccwpck_require__(17);
;// CONCATENATED MODULE: ./src/diagnosis/saved-log.ts




const obj = (value) => typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
/** A JSON value, or undefined; a text that cannot be one is not parsed (a throw costs microseconds). */
function parseJson(text) {
    const first = text.trimStart()[0];
    const last = text.trimEnd().at(-1);
    if (!((first === '{' && last === '}') || (first === '[' && last === ']')))
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
const MESSAGE_TYPES = ['system', 'assistant', 'user', 'result', 'rate_limit_event'];
/** A JSON value that is one of Claude Code's (or the Agent SDK's) messages, whole or as pasted in part. */
function isMessage(value) {
    const message = obj(value);
    if (!message || typeof message.type !== 'string' || !MESSAGE_TYPES.includes(message.type))
        return false;
    return ('session_id' in message ||
        'subtype' in message ||
        'is_error' in message ||
        'message' in message ||
        'rate_limit_info' in message);
}
/**
 * An error body: the API's `{"type":"error","error":{"type":"…_error","message":"…"}}`, maybe wrapped, a
 * gateway's `{"error":{"message":"…","code":400}}`, which may name no type, or a server's flat
 * `{"statusCode":503,"message":"…"}`.
 */
function apiError(value) {
    const body = obj(value);
    const error = obj(body?.error) ?? (typeof body?.message === 'string' ? body : undefined);
    const kind = typeof error?.type === 'string' && error !== body ? error.type : undefined;
    const message = typeof error?.message === 'string' ? error.message : undefined;
    if (!body || !error || (kind === undefined && message === undefined))
        return undefined;
    const status = [body.status, body.statusCode, body.status_code, error.code, error.status]
        .map((field) => (typeof field === 'string' && /^[45]\d\d$/.test(field) ? Number(field) : field))
        .find((field) => typeof field === 'number' && field >= 400 && field < 600);
    // A flat body is an error only by its status.
    if (error === body && status === undefined)
        return undefined;
    return { ...(kind ? { kind } : {}), ...(message === undefined ? {} : { message }), ...(status ? { status } : {}) };
}
/**
 * Who answered, as an error body's own keys and strings tell (Google's `details` name `type.googleapis.com`,
 * GitHub's bodies link `docs.github.com`). Only a few levels and strings are looked at.
 */
function bodyOrigin(body) {
    const strings = [];
    const collect = (value, depth) => {
        if (strings.length >= 64 || depth > 4)
            return;
        if (typeof value === 'string')
            strings.push(value.slice(0, 200));
        else if (Array.isArray(value))
            for (const item of value.slice(0, 8))
                collect(item, depth + 1);
        else if (obj(value))
            for (const [key, item] of Object.entries(value).slice(0, 16)) {
                strings.push(key);
                collect(item, depth + 1);
            }
    };
    collect(body, 0);
    return (0,text_signs/* originOf */.yv)(strings.join(' '));
}
// The runner's own word that a step failed.
const RUNNER_FAILED = /\bProcess completed with exit code [1-9]/;
// The prefix GitHub puts on every line of a downloaded job log.
const TIMESTAMP = /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z ?/;
// Workflow commands and the runner's own markers; the text after them is kept.
const MARKER = /^(?:##\[(?:error|warning|notice|debug|group|endgroup|command)\]|::(?:error|warning|notice|debug)(?: [^:]{0,400})?::)/;
// A member of pretty-printed JSON: `  "message": "…",`.
const JSON_MEMBER = /^\s{0,200}"[^"\\]{1,80}"\s{0,2}:\s{0,2}["{[\d tfn-]/;
// Escapes of a JSON string, pasted as they were printed.
const LITERAL_ESCAPE = /\\u([0-9a-fA-F]{4})|\\([nrt"\\/])/g;
const ESCAPED = { n: '\n', r: '\n', t: ' ', '"': '"', '\\': '\\', '/': '/' };
/** Undoes what a paste or a workflow command did to a line: markers, `%0A`, JSON-string escapes. */
function unwrapLine(raw) {
    let line = raw.replace(TIMESTAMP, '');
    const marker = MARKER.exec(line)?.[0];
    const failure = marker !== undefined && /error/.test(marker);
    if (marker)
        line = line.slice(marker.length);
    if (marker?.startsWith('::'))
        line = line.replace(/%0D/gi, '').replace(/%0A/gi, '\n').replace(/%25/g, '%');
    // Only a line that looks escaped is unescaped (a real path such as C:\new stays as it is), and not a
    // line of JSON or a member of pretty-printed JSON, whose escapes are their own; JSON cut short is text again.
    if (/\\u[0-9a-fA-F]{4}|\\n|\\"/.test(line) &&
        !JSON_MEMBER.test(line) &&
        (!/^\s*[[{]/.test(line) || parseJson(line) === undefined)) {
        line = line.replace(LITERAL_ESCAPE, (_, hex, char) => hex ? String.fromCharCode(parseInt(hex, 16)) : (ESCAPED[char ?? ''] ?? ''));
    }
    return { lines: line.split('\n'), failure };
}
// The Python Agent SDK's message reprs: `ResultMessage(subtype='success', …, is_error=True, …, result='…')`.
const REPR_FIELD = (name) => new RegExp(`\\b${name}=(?:'((?:[^'\\\\]|\\\\.){0,4000})'|"((?:[^"\\\\]|\\\\.){0,4000})"|(True|False|None|\\d{1,6}))`);
function reprField(line, name) {
    const match = REPR_FIELD(name).exec(line);
    return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}
/** A Python repr of a result or assistant message, as the stream event it stands for. */
function reprEvent(line) {
    if (line.includes('ResultMessage(')) {
        const isError = reprField(line, 'is_error');
        const status = Number(reprField(line, 'api_error_status'));
        return {
            type: 'result',
            subtype: reprField(line, 'subtype'),
            is_error: isError === 'True',
            result: reprField(line, 'result'),
            ...(Number.isInteger(status) && status > 0 ? { api_error_status: status } : {}),
            session_id: reprField(line, 'session_id') ?? '',
        };
    }
    if (line.includes('AssistantMessage(')) {
        const error = reprField(line, 'error');
        const text = reprField(line, 'text');
        return {
            type: 'assistant',
            ...(error && error !== 'None' ? { error } : {}),
            message: { content: text ? [{ type: 'text', text }] : [] },
            session_id: '',
        };
    }
    return undefined;
}
/** Wrapped lines are joined to find a phrase split over them, within this much of a run of lines. */
const JOINED_CHARS = 256 * 1024;
/** JSON inside JSON is followed this deep: a /bug report's error strings hold a client's JSON, which holds its own. */
const MAX_VALUE_DEPTH = 10;
/** Pretty-printed JSON is followed this deep; a deeper block is read as text. */
const MAX_JSON_NESTING = 64;
/** Parsing pretty-printed blocks costs at most this many characters per character of text, and this many more. */
const JSON_PARSE_BUDGET = { perChar: 8, extra: 1024 * 1024 };
/** A sentence that shows what comes next: it ends on a colon, or names `the following error`, `I got the following.` */
const INTRODUCES = /[:：]\s{0,3}$|\bthe following (?:error|errors|output|message|messages|log|logs)\b|\bthe following(?:[.:](?:\s|$)|\s{0,3}$)|\b(?:get|got|getting|see|saw|seeing|receive[ds]?|receiving) (?:this|these)(?:[.:](?:\s|$)|\s{0,3}$)/i;
/** Words that ask for a setting, not report a failure: `… needs to be configurable`. */
const ASKS_FOR_SETTING = /\b(?:needs? to be|should be|must be|make (?:it|this|them)) (?:configurable|adjustable|customi[sz]able|overridable|optional)\b/i;
/** A reproduction step that gives what came of it: `5. Actual: 401 …`, `- **Result:** …`. */
const ACTUAL_STEP = /^\s{0,8}(?:\d{1,3}[.)]\s{1,3}|[-*]\s{1,3}|)(?:\*\*|)(?:Actual(?: result| behaviou?r| output|)|Observed(?: result| behaviou?r|)|Result)(?:\*\*|)\s{0,2}:/i;
/** A line that is only an image: `<img … />`, `![Image](…)`. */
const IMAGE_LINE = /^\s{0,8}(?:<img\s[^>]{0,2000}>|!\[[^\]]{0,200}\]\([^)\s]{1,2000}\))\s{0,4}$/i;
/** A Markdown quote's marker, nested or not (`> `, `>> `). */
const BLOCKQUOTE = /^\s{0,3}>{1,3}\s?/;
/** A line of Claude Code's terminal, by the glyphs only it prints before a line (`⎿ API Error …`, `✻ 401 … · Retrying`). */
const TERMINAL_LINE = /^\s{0,8}[⎿⏺✻]\s/;
/** A line that is all one span of code in backticks. */
const CODE_LINE = /^\s{0,8}`[^`]{1,2000}`\s{0,4}$/;
// A fence that opens or closes a Markdown code block, with its language.
const FENCE = /^\s{0,8}```[\w+-]{0,20}\s{0,8}$/;
/** A block of changes or settings (```diff, ```yaml): source a person wrote, not output a run printed. */
const SOURCE_FENCE = /^\s{0,8}```(?:diff|patch|ya?ml|toml|ini)\s{0,8}$/i;
/** The row under a Markdown table's head (`| --- | :-: |`). */
const isTableRule = (line) => line.includes('---') && line.includes('|') && /^[|:\-\s]{5,400}$/.test(line);
/** A container's name before each line, as `docker compose logs` prints it: `runner-1  | …`. */
const SERVICE_PREFIX = /^([\w.-]{1,60})\s{1,30}\|\s?/;
/** A line's number before it, as an editor or a log viewer copies it: `12 …` (the one space after it; the rest is the line's). */
const NUMBER_PREFIX = /^\s{0,6}(\d{1,6})[ \t]/;
/**
 * The lines without the prefix a viewer put before each of them (a container's name, a line number), when
 * nearly every line has the same one: wrapped lines and pretty-printed JSON read as they were printed.
 */
function withoutLinePrefix(raws) {
    const lines = raws.filter((line) => line.trim() !== '');
    if (lines.length < 2)
        return raws;
    const most = (count) => count >= 2 && count >= 0.9 * lines.length;
    const service = SERVICE_PREFIX.exec(lines[0])?.[1];
    if (service !== undefined && most(lines.filter((line) => SERVICE_PREFIX.exec(line)?.[1] === service).length)) {
        return raws.map((line) => (SERVICE_PREFIX.exec(line)?.[1] === service ? line.replace(SERVICE_PREFIX, '') : line));
    }
    const numbers = lines.map((line) => Number(NUMBER_PREFIX.exec(line)?.[1] ?? NaN));
    if (most(numbers.filter((n, i) => i > 0 && n === numbers[i - 1] + 1).length + 1)) {
        return raws.map((line) => line.replace(NUMBER_PREFIX, ''));
    }
    return raws;
}
/**
 * The lines of a text; `fromField`, it is a string field of JSON (an error's message), which no person
 * wrote as prose. A Markdown table's rows in sentences are a person's writing, as prose is; an HTML
 * comment (an issue form's hint) is not shown at all.
 */
function textLinesOf(text, fromField = false) {
    const lines = [];
    const raws = withoutLinePrefix(text.replace(/\r\n?/g, '\n').split('\n'));
    const table = !fromField && raws.some(isTableRule);
    const advice = table && raws.some((line, i) => text_signs/* ADVICE_HEAD */.Mr.test(line) && isTableRule(raws[i + 1] ?? ''));
    let fenced = false;
    let source = false;
    let comment = false;
    // A bug report's opening paragraph, before its first heading, says what happened.
    let reports = !fromField && raws.some((line) => text_signs/* BUG_REPORT_HEADING */.n5.test(line) && text_signs/* SECTION_HEADING */.d4.test(line));
    let expected = false;
    let reproduction = false;
    // The line before introduced what the writer got: `I got the dreaded message:`.
    let introduces = false;
    let first = !fromField;
    for (const raw of raws) {
        // A Markdown quote's marker is not the text's: a quoted error reads as a pasted one does.
        const quote = !fenced && !fromField && BLOCKQUOTE.test(raw);
        const { lines: unwrapped, failure } = unwrapLine(quote ? raw.replace(BLOCKQUOTE, '') : raw);
        for (const line of unwrapped) {
            if (!line.includes('```')) {
                if (!fenced && !fromField && line.includes('<!--'))
                    comment = true;
                const heading = !fenced && !fromField && text_signs/* SECTION_HEADING */.d4.test(line);
                if (heading) {
                    reports = text_signs/* WHAT_HAPPENED_HEADING */.i8.test(line);
                    expected = text_signs/* EXPECTED_HEADING */.QN.test(line);
                    reproduction = text_signs/* REPRODUCTION_HEADING */.IE.test(line);
                }
                // A step of the reproduction that says what came of it (`4. Get error: …`, `When I add it I get …`),
                // and the line a step introduced (`… it shows:`), report what happened.
                const step = reproduction &&
                    !heading &&
                    !fenced &&
                    ((0,text_signs/* reportsFailure */.WT)(line) || (0,text_signs/* speaksOfOwnRun */.u5)(line) || introduces || ACTUAL_STEP.test(line));
                // What a comment says is not shown at all, nor what a report says should happen or how to make it
                // happen, unless it shows a failure or a retry.
                const hidden = (expected || (reproduction && !step)) && !heading && !fenced && !(0,text_signs/* failureSign */.Wq)(line) && !(reproduction && (0,text_signs/* retrySign */.ox)(line));
                const shown = comment || hidden || source ? '' : line;
                if (comment && line.includes('-->'))
                    comment = false;
                const written = table && (advice ? text_signs/* ANY_TABLE_ROW */.TV.test(shown) : (0,text_signs/* sentenceRow */._c)(shown));
                // A title that asks for a setting (`… timeout needs to be configurable`) is the writer's words, however short.
                const prose = !fenced && !fromField && (written || (0,text_signs/* isProse */.y6)(shown) || (first && ASKS_FOR_SETTING.test(shown)));
                // What the writer says they got, on the line after they say so (pasted, or quoted in Markdown), is the
                // run's output; so is a line of Claude Code's terminal wherever it stands.
                const pasted = quote || (!fenced && !fromField && (CODE_LINE.test(shown) || TERMINAL_LINE.test(shown)));
                const headline = first && !fenced && reportingTitle(shown);
                // A title with its `#`, or one that says what a run did, makes the whole text a report; a first line
                // without it that is only an error reports that error, as a guide's title may be.
                const title = headline && (/^#\s/.test(shown) || (0,text_signs/* saysWhatRunDid */.P9)(shown));
                if (shown.trim() !== '')
                    first = false;
                const introduced = introduces && (!prose || pasted) && !heading;
                // A screenshot between the words and the paste is part of what the writer got, not a line of its own.
                if (shown.trim() !== '' && !IMAGE_LINE.test(shown)) {
                    introduces =
                        !fenced &&
                            !fromField &&
                            (INTRODUCES.test(shown) || (0,text_signs/* endsOnCjkReport */.OR)(shown)) &&
                            ((0,text_signs/* speaksOfOwnRun */.u5)(shown) || (0,text_signs/* reportsFailure */.WT)(shown));
                }
                lines.push({
                    text: shown,
                    marked: failure,
                    fenced,
                    quoted: pasted,
                    prose,
                    reports: reports || step || introduced || headline,
                    ...(title ? { title } : {}),
                    ...(headline ? { headline } : {}),
                });
                continue;
            }
            if (FENCE.test(line)) {
                fenced = !fenced;
                source = fenced && SOURCE_FENCE.test(line);
                lines.push({ text: '', marked: failure, fenced: true, quoted: false, prose: false, reports });
                continue;
            }
            // Code on the fence's own line: "```API Error: …```", or a block opened after text.
            const opens = /^\s{0,8}```/.test(line);
            const closes = /```\s{0,8}$/.test(line);
            const code = line.replace(/^\s{0,8}```/, '').replace(/```\s{0,8}$/, '');
            lines.push({ text: code, marked: failure, fenced: fenced || opens || closes, quoted: false, prose: false, reports });
            if (opens !== closes || (opens && code === ''))
                fenced = !fenced;
        }
    }
    return announcingProse(lines);
}
/** A first line as a thread's title is copied without its `#` (a tag may lead it): short, and not a sentence that ends. */
const PLAIN_TITLE = /^\s{0,3}(?:[^\s#>`|{[]|\[[A-Za-z]).{0,158}[^.:;,\s]\s{0,3}$/;
/**
 * An issue's title that reports a run's failure: one that says what a run did (`# claude exits with 127`), or
 * that is the error itself (`# HTTP 401 … "x-api-key header is required"`, `# No conversation found with …`).
 */
function reportingTitle(line) {
    if (!/^#\s/.test(line) && !PLAIN_TITLE.test(line))
        return false;
    const title = line.replace(/^#\s{1,4}/, '');
    return ((0,text_signs/* reportsFailure */.WT)(title) ||
        (!(0,text_signs/* talksOfChange */.jL)(title) &&
            !(0,text_signs/* isProse */.y6)(title) &&
            ((0,observation/* statusIn */.em)(title) !== undefined || (0,observation/* kindIn */.aG)(title) !== undefined || (0,observation/* namesCause */.Ae)(title))));
}
/**
 * A sentence that announces what follows (`… Your error:`) and is followed by more of the writer's
 * sentences announced no output: it is prose, and its colon no failure's sign.
 */
function announcingProse(lines) {
    let next;
    for (let i = lines.length - 1; i >= 0; i--) {
        const line = lines[i];
        if (line.text.trim() === '' && !line.fenced)
            continue;
        if (!line.fenced &&
            !line.quoted &&
            !line.prose &&
            /[:：]\s{0,3}$/.test(line.text) &&
            line.text.trim().split(/\s+/).length >= 6 &&
            next?.prose === true &&
            !next.fenced &&
            !next.quoted) {
            lines[i] = { ...line, prose: true };
        }
        next = lines[i];
    }
    return lines;
}
// A line that can belong to pretty-printed JSON: it starts as a JSON value or member does.
const JSON_LINE = /^\s{0,200}(?:[{}[\]"\d-]|true\b|false\b|null\b)/;
/**
 * Where pretty-printed JSON blocks start and end: one pass over the lines, following brackets outside
 * strings. A block starts a line with its opening bracket and ends a line with its closing one; for each
 * start, the outermost block first. Linear in the text.
 */
function jsonBlocks(lines) {
    const ends = new Map();
    const open = [];
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i].text;
        if (!JSON_LINE.test(line)) {
            open.length = 0;
            continue;
        }
        const first = line.length - line.trimStart().length;
        // Only spaces and commas follow this index.
        let rest = line.length;
        while (rest > 0 && /[\s,]/.test(line[rest - 1]))
            rest -= 1;
        let inString = false;
        for (let j = first; j < line.length; j++) {
            const char = line[j];
            if (inString) {
                if (char === '\\')
                    j += 1;
                else if (char === '"')
                    inString = false;
            }
            else if (char === '"')
                inString = true;
            else if (char === '{' || char === '[') {
                open.push({ line: i, startsLine: j === first });
                if (open.length > MAX_JSON_NESTING)
                    open.length = 0;
            }
            else if (char === '}' || char === ']') {
                const opener = open.pop();
                if (opener?.startsLine && opener.line < i && j === rest - 1) {
                    const list = ends.get(opener.line) ?? [];
                    list.push(i);
                    ends.set(opener.line, list);
                }
            }
        }
        // JSON strings do not cross lines: this was not JSON.
        if (inString)
            open.length = 0;
    }
    // Outermost first.
    for (const list of ends.values())
        list.sort((a, b) => b - a);
    return ends;
}
/** The JSON a line carries after a prefix (`[log] {"type":"result",…}`), if any. */
function prefixedJson(line) {
    const from = line.search(/\{\s{0,4}"/);
    if (from <= 0)
        return undefined;
    const whole = parseJson(line.slice(from));
    if (whole !== undefined)
        return whole;
    const to = line.lastIndexOf('}');
    return to > from ? parseJson(line.slice(from, to + 1)) : undefined;
}
class SavedLogReader {
    observer;
    /** A marker, an error body or an error repr said the run failed. */
    failure = false;
    /** The runner said so (`##[error]`, `Process completed with exit code 1`): no later line unsays it. */
    marked = false;
    /** How many lines and values were read, and when the last showed a failure, a retry, a success. */
    count = 0;
    lastTrouble = 0;
    lastRetry = 0;
    lastSuccess = 0;
    /** The text is prose about a run: its lines outside code fences are quoted. */
    prose;
    /** Who answered, as the whole text tells: it answered with the error bodies too. */
    origin;
    /**
     * The run of consecutive text lines being gathered, for phrases wrapped over them: each line with how
     * many line clues there were once it was read (to place a joined phrase).
     */
    run = [];
    /** Lines before this index have left the run's window (dropped by index: shifting an array is linear). */
    runStart = 0;
    runChars = 0;
    parseBudget;
    constructor(options) {
        this.observer = new observation/* AttemptObserver */.sT('stream-json', {
            lineSource: 'log',
            ...(options.origin ? { origin: options.origin } : {}),
        });
        this.prose = options.prose;
        this.origin = options.origin;
        this.parseBudget = options.size * JSON_PARSE_BUDGET.perChar + JSON_PARSE_BUDGET.extra;
    }
    event(message) {
        this.observer.addLine('stdout', JSON.stringify(message));
    }
    clue(clue) {
        this.observer.addClue(clue);
    }
    /**
     * Any JSON value: messages become events, error bodies clues (structured, or placed as the line that
     * carried them), and strings are read as text (JSON inside JSON) unless a line carried them.
     */
    value(value, depth = 0, place, retried = false) {
        if (depth > MAX_VALUE_DEPTH)
            return;
        if (Array.isArray(value)) {
            for (const item of value)
                this.value(item, depth + 1, place, retried);
            return;
        }
        if (isMessage(value))
            return this.event(value);
        const error = apiError(value);
        if (error) {
            const origin = this.origin ?? bodyOrigin(value);
            const clue = {
                source: 'log',
                status: error.status,
                ...(error.kind === undefined ? {} : { kind: error.kind }),
                text: error.message,
                ...(place ? { place } : {}),
                ...(origin ? { origin } : {}),
            };
            // An error body in a retry notice is a retry, not the error that ended the run.
            if (retried)
                this.observer.addRetryClue(clue);
            else {
                this.failure = true;
                this.lastTrouble = ++this.count;
                this.clue(clue);
            }
        }
        const object = obj(value);
        if (object) {
            for (const item of Object.values(object))
                this.value(item, depth + 1, place, retried);
            return;
        }
        // The strings of JSON inside a line were read with that line; an error that says it did no harm is
        // not read, nor its stack. JSON in a string is read item by item, each error judged on its own.
        if (typeof value === 'string' &&
            place === undefined &&
            (/^\s{0,8}[[{]/.test(value) || !(0,text_signs/* saysHarmless */.aJ)(value.split('\n', 1)[0]))) {
            this.read(textLinesOf(value, true), depth + 1);
        }
    }
    parse(lines, from, to) {
        let chars = 0;
        for (let i = from; i <= to; i++)
            chars += lines[i].text.length + 1;
        if (chars > this.parseBudget)
            return undefined;
        this.parseBudget -= chars;
        return parseJson(lines
            .slice(from, to + 1)
            .map((line) => line.text)
            .join('\n'));
    }
    /** Text, line by line: JSON lines and pretty-printed blocks are parsed, the rest is read as output. */
    read(lines, depth = 0) {
        const blocks = jsonBlocks(lines);
        for (let i = 0; i < lines.length; i++) {
            const { text: line, marked, fenced, reports } = lines[i];
            // A sentence that says what happened in a bug report is read as the report's own line.
            const prose = lines[i].prose && !reports;
            if (marked)
                this.failure = this.marked = true;
            if (RUNNER_FAILED.test(line))
                this.marked = true;
            // In prose, only code blocks, report lines and Claude Code's own terminal lines are the run's output.
            const quoted = prose || (this.prose && !fenced && !reports && !TERMINAL_LINE.test(line));
            const trimmed = line.trim();
            if (!quoted && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
                const single = parseJson(trimmed);
                const block = single === undefined ? this.blockAt(lines, i, blocks) : { value: single, end: i };
                if (block !== undefined) {
                    this.endRun();
                    this.value(block.value, depth + 1);
                    i = block.end;
                    continue;
                }
            }
            const repr = quoted ? undefined : reprEvent(line);
            if (repr) {
                this.endRun();
                this.event(repr);
                continue;
            }
            this.textLine(line, prose ? 'prose' : quoted ? 'quoted' : 'plain');
            const inner = quoted ? undefined : prefixedJson(line);
            // An error body printed inside a line weighs as that line does: it is one of the log's errors, in order.
            if (inner !== undefined) {
                this.value(inner, depth + 1, (0,text_signs/* failureSign */.Wq)(line) ? 'marker' : 'output', this.observer.lastLineWasRetry);
            }
        }
        this.endRun();
    }
    /** The pretty-printed block that starts at line `i`, parsed, with the line it ends on. */
    blockAt(lines, i, blocks) {
        for (const end of blocks.get(i) ?? []) {
            const value = this.parse(lines, i, end);
            if (value !== undefined)
                return { value, end };
        }
        return undefined;
    }
    /**
     * The run recovered: its last trouble was a retry, and a success came after it. A wrapper that prints
     * "completed" after a hard failure (`claude: not found`, then `✅ done`) has not recovered from it.
     */
    get recovered() {
        return this.lastRetry > this.lastTrouble && this.lastSuccess > this.lastRetry;
    }
    textLine(line, hint) {
        this.observer.addLine('stdout', line, hint);
        this.count += 1;
        if (this.observer.lastLineWasRetry)
            this.lastRetry = this.count;
        else if (this.observer.lastLineWasTrouble)
            this.lastTrouble = this.count;
        else if (hint === 'plain' && (text_signs/* SUCCESS_SIGN */.ui.test(line) || text_signs/* RESUMED */.wK.test(line)))
            this.lastSuccess = this.count;
        // In-run retries are weighed as retries, not read again; a blank line, code, a table's row or a heading ends a run.
        if (this.observer.lastLineWasRetry || line.trim() === '' || (0,text_signs/* isInert */.ND)(line) || (0,text_signs/* standsAlone */.pX)(line)) {
            this.endRun();
            return;
        }
        const text = (0,text_lines/* readable */.HD)(line)
            .trim()
            .replace(/\s{2,}/g, ' ');
        this.run.push({ text, plain: hint === 'plain', cluesAfter: this.observer.observation.lineClues.length });
        this.runChars += line.length + 1;
        while (this.runChars > JOINED_CHARS && this.run.length - this.runStart > 1) {
            this.runChars -= this.run[this.runStart].text.length + 1;
            this.runStart += 1;
        }
        if (this.runStart > 1024 && this.runStart * 2 > this.run.length) {
            this.run = this.run.slice(this.runStart);
            this.runStart = 0;
        }
    }
    /**
     * Wrapped lines: a phrase a narrow terminal or a paste split over lines is found in the run of lines
     * joined with spaces, or glued without them where a word was split. It takes its place among the line
     * clues after the last line it spans, and weighs as prose only when every line it spans is prose.
     */
    endRun() {
        if (this.run.length === 0)
            return;
        const lines = this.run.slice(this.runStart);
        this.run = [];
        this.runStart = 0;
        this.runChars = 0;
        if (lines.length < 2)
            return;
        for (const glue of [' ', '']) {
            const text = lines.map((line) => line.text).join(glue);
            const plain = lines
                .filter((line) => line.plain)
                .map((line) => line.text)
                .join(glue);
            const sign = (0,text_signs/* failureSign */.Wq)(plain);
            const found = this.joinedClue(text, (from, to) => {
                let at = 0;
                const spanned = lines.filter((line) => {
                    const overlaps = at < to && at + line.text.length > from;
                    at += line.text.length + glue.length;
                    return overlaps;
                });
                // A phrase within one line is that line's clue already.
                if (spanned.length < 2)
                    return undefined;
                const place = spanned.every((line) => !line.plain) ? 'prose' : sign ? 'marker' : 'output';
                return { place, at: spanned[spanned.length - 1].cluesAfter };
            });
            if (found) {
                this.observer.addClue(found.clue, found.at);
                return;
            }
            if (sign)
                this.observer.addFailureLine({ source: 'log', text: (0,text_lines/* clip */.$Q)(plain), place: 'marker' });
        }
    }
    /** The first catalogue phrase in a joined text that spans lines, with its place and where it goes. */
    joinedClue(text, spanOf) {
        for (const cause of catalogue/* CATALOGUE */.yh) {
            for (const pattern of cause.recognise.patterns ?? []) {
                const match = pattern.exec(text);
                const span = match ? spanOf(match.index, match.index + match[0].length) : undefined;
                if (!match || !span)
                    continue;
                const from = Math.max(0, match.index - 120);
                const snippet = text.slice(from, match.index + match[0].length + 120);
                // The status and kind the wrapped lines show belong to the same error.
                const status = (0,observation/* statusIn */.em)(snippet);
                const kind = (0,observation/* kindIn */.aG)(snippet);
                return {
                    clue: {
                        source: 'log',
                        text: `${from > 0 ? '…' : ''}${snippet}${from + snippet.length < text.length ? '…' : ''}`,
                        ...(status === undefined ? {} : { status }),
                        ...(kind ? { kind } : {}),
                        place: span.place,
                    },
                    at: span.at,
                };
            }
        }
        return undefined;
    }
}
/**
 * A pasted line (in a code block or a quote, or a title that is the error itself) that shows a failure or
 * names a cause, or an error pasted bare between the writer's sentences, with its status and type
 * (`HTTP 401 … {"type":"authentication_error",…}`) or opening its body (`Internal error: {`): a report
 * pastes such lines.
 */
const pastesFailure = (line) => line.fenced || line.quoted || line.headline === true
    ? (0,text_signs/* failureSign */.Wq)(line.text) || (0,observation/* statusIn */.em)(line.text) !== undefined || (0,observation/* kindIn */.aG)(line.text) !== undefined || (0,observation/* namesCause */.Ae)(line.text)
    : !line.prose &&
        (((0,observation/* statusIn */.em)(line.text) !== undefined && (0,observation/* kindIn */.aG)(line.text) !== undefined) ||
            ((0,text_signs/* failureSign */.Wq)(line.text) && /[{[]\s{0,3}$/.test(line.text)));
/**
 * Reads a saved log and says how its run ended. A log's own result decides when it has one. Otherwise
 * the run failed when the text shows any sign of failure: a marker, an error body, an error line, an exit
 * status, a signal, a stack frame, or a line of output that names a cause. Prose is not a log: a text that
 * describes a change (a pull request, a changelog, a reply) is not a failed run, whatever errors it
 * quotes, and in other prose only the lines that show a failure themselves, or the pasted code blocks, count.
 */
function readSavedLog(text, exitCode) {
    const whole = text.trim();
    const parsed = whole.startsWith('[') || whole.startsWith('{') ? parseJson(whole) : undefined;
    const lines = parsed === undefined ? textLinesOf(text) : [];
    const kind = (0,text_signs/* documentKind */.eD)(lines, lines.some(pastesFailure));
    const origin = lines.some((line) => !line.prose && (0,text_signs/* originOf */.yv)(line.text) === 'cloud') ? 'cloud' : undefined;
    const reader = new SavedLogReader({ prose: kind === 'prose', origin, size: text.length });
    if (parsed !== undefined)
        reader.value(parsed);
    else if (kind !== 'change')
        reader.read(lines);
    const { observation } = reader.observer;
    // Prose counts in a log when it reports what the run printed ("it returns `Invalid API key`"); in a
    // document of prose, only when the writer says somewhere that it happened to them ("I keep getting …"), or
    // when its title says what a run did.
    const own = kind === 'log' || lines.some((line) => line.title === true) || (0,text_signs/* writerReportsOwnFailure */.Lg)(lines, true);
    const shown = observation.lineClues.some((clue) => clue.place !== 'prose' || (own && (0,text_signs/* reportsFailure */.WT)(clue.text ?? '')));
    const failed = observation.result
        ? observation.result.isError || (reader.failure && shown)
        : reader.marked ||
            (!reader.recovered &&
                (reader.failure ||
                    shown ||
                    observation.failureLines.length > 0 ||
                    observation.resultClues.length > 0 ||
                    observation.retryClues.length > 0));
    return {
        observation,
        outcome: { exitCode: exitCode ?? (failed ? 1 : 0), signal: null },
    };
}

// EXTERNAL MODULE: ./src/guard/guard.ts + 12 modules
var guard = __nccwpck_require__(835);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
;// CONCATENATED MODULE: ./src/guard/run-directory.ts
// Where a run keeps its files: the raw stream of each attempt and the JSON report, in a directory of its
// own under RUNNER_TEMP in Actions, else under the system's temp folder. A problem is returned, never
// thrown: the run goes on without the files.




const reason = (error) => error.code ?? error.message;
/** `inActions`: a missing RUNNER_TEMP is a problem worth naming (not so on the command line). */
function createRunDirectory(env, inActions) {
    const name = `claude-code-guard-${new Date().toISOString().replace(/[:.]/g, '-')}-${(0,external_node_crypto_.randomUUID)().slice(0, 8)}`;
    const runnerTemp = env.RUNNER_TEMP;
    const problems = [];
    if (!runnerTemp && inActions)
        problems.push(`RUNNER_TEMP is not set, so raw streams and the report go to ${(0,external_node_os_.tmpdir)()}`);
    for (const base of runnerTemp ? [runnerTemp, (0,external_node_os_.tmpdir)()] : [(0,external_node_os_.tmpdir)()]) {
        const dir = (0,external_node_path_.join)(base, name);
        try {
            (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
            return { dir, problems };
        }
        catch (error) {
            problems.push(`cannot create ${dir} (${reason(error)})`);
        }
    }
    problems.push('raw streams and the report file are not kept');
    return { problems };
}
const reportPath = (dir) => dir === undefined ? undefined : (0,external_node_path_.join)(dir, 'report.json');
/** Writes the report, redacted, where it says it is; returns the problem when it cannot. */
function writeReportFile(report, redactor) {
    if (report.reportFile === undefined)
        return undefined;
    try {
        (0,external_node_fs_.writeFileSync)(report.reportFile, `${JSON.stringify(redactor.redactDeep(report), null, 2)}\n`);
        return undefined;
    }
    catch (error) {
        return `cannot write the report file ${report.reportFile} (${reason(error)})`;
    }
}

// EXTERNAL MODULE: ./src/credentials/key-checks.ts
var key_checks = __nccwpck_require__(79);
// EXTERNAL MODULE: ./src/credentials/verdict.ts
var verdict = __nccwpck_require__(787);
// EXTERNAL MODULE: ./src/diagnosis/clues.ts
var clues = __nccwpck_require__(972);
;// CONCATENATED MODULE: ./src/health/checks.ts
// The health checks of a diagnosis without a run (the command line's `diagnose`): a list of checks, each
// ok, a note, a warning or a failure with the catalogue cause it points to. Pure: the credentials module
// resolves, checks and probes; this turns what it found into checks and judges them.





function checksVerdict(checks) {
    const failure = checks.find((check) => check.status === 'fail');
    return failure ? { healthy: false, cause: failure.cause ?? 'claude-error' } : { healthy: true };
}
const STATUS_OF = { error: 'fail', warning: 'warn', note: 'info' };
const findingCheck = (name) => (finding) => ({ name, status: STATUS_OF[finding.severity], detail: finding.text, cause: finding.cause });
/**
 * Which credential Claude Code will use (as a fingerprint), what is wrong with any of them, and conflicts;
 * with none set, Claude Code's own login when it has one.
 */
function credentialChecks(setup, login, where = 'actions') {
    if (setup.provider) {
        return [
            {
                name: 'credential',
                status: 'info',
                detail: `${setup.provider.name} (${setup.provider.variable}): the Anthropic API is not probed.`,
            },
        ];
    }
    if (!setup.primary && login?.loggedIn) {
        return [
            { name: 'credential', status: 'ok', detail: (0,claude_login/* describeLogin */.Hf)(login) },
            { name: 'API access', status: 'info', detail: 'not checked: models.list and the credit check need a key, and none is set' },
        ];
    }
    if (!setup.primary)
        return (0,key_checks/* missingCredentialFindings */.M)(undefined, where).map(findingCheck('credential'));
    return [
        ...setup.present.flatMap((credential) => {
            const role = credential === setup.primary ? 'used by Claude Code' : 'ignored by Claude Code';
            const shown = {
                name: credential.variable,
                status: 'info',
                detail: `${(0,credentials_credential/* describeFingerprint */.ML)((0,credentials_credential/* fingerprint */.Rj)(credential))} · ${role}`,
            };
            return [shown, ...(0,key_checks/* checkCredential */.C)(credential).map(findingCheck(credential.variable))];
        }),
        ...setup.conflicts.map((conflict) => ({ name: 'conflict', status: 'warn', detail: conflict })),
    ];
}
const answered = (probe) => probe.status !== undefined && probe.status >= 200 && probe.status < 300;
/** Judges a probe with the same catalogue that judges Claude Code's output. */
function probeCheck(name, probe, success) {
    if (answered(probe))
        return { name, status: 'ok', detail: `${success} · ${(0,verdict/* describeProbe */.WH)(probe)}` };
    const match = (0,clues/* matchCause */.D$)([(0,verdict/* probeClue */.e4)(probe)]);
    const cause = match?.cause.id ?? (probe.status === undefined ? 'network-error' : 'claude-error');
    return { name, status: 'fail', cause, detail: (0,verdict/* describeProbe */.WH)(probe) };
}

// EXTERNAL MODULE: ./src/health/environment.ts
var environment = __nccwpck_require__(179);
// EXTERNAL MODULE: ./src/process/cancel-signals.ts
var cancel_signals = __nccwpck_require__(231);
// EXTERNAL MODULE: ./src/render/pieces.ts
var pieces = __nccwpck_require__(825);
;// CONCATENATED MODULE: ./src/render/checks.ts
// Renders the health checks of `claude-code-guard diagnose` for a terminal: one line a check, then the
// verdict and, for a failure, its fix. Pure. Notes written for a GitHub Actions job (secrets expressions,
// forks) are left out when it runs in a terminal.



const MARK = { ok: '✓', info: '·', warn: '!', fail: '✗' };
function renderChecks(checks, context) {
    const shown = checks.filter((check) => context.where === 'actions' || check.status === 'fail' || !(0,pieces/* speaksWorkflow */.rk)(check.detail));
    const width = Math.max(...shown.map((check) => check.name.length));
    const lines = shown.map((check) => `${MARK[check.status]} ${check.name.padEnd(width)}  ${check.detail}`);
    const verdict = checksVerdict(checks);
    if (verdict.healthy)
        return `${lines.join('\n')}\n\nHealthy.\n`;
    const cause = (0,catalogue/* causeOf */.rl)(verdict.cause ?? 'claude-error');
    const fix = (0,pieces/* fixLines */.$U)(cause.fix({ where: context.where }), context).map((line) => `  ${line}`);
    return `${lines.join('\n')}\n\n✗ ${cause.title} (${cause.id})\n  ${(0,pieces/* meaningOf */.Pr)(cause, context)}\n\nHow to fix:\n${fix.join('\n')}\n\ncause: ${cause.id}\n`;
}

;// CONCATENATED MODULE: ./src/render/terminal.ts
// Renders the run report as plain text for a terminal: the command line's counterpart of the job summary,
// from the same pieces (headline, how to fix, evidence, attempts), in a terminal's words: no secrets
// expressions, forks or jobs. Pure.


const indent = (lines) => lines.map((line) => `  ${line}`);
/** Words wrapped at `width` columns; a word longer than that keeps its own line. */
function wrap(text, width = 98) {
    const lines = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
        if (line && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        }
        else
            line = line ? `${line} ${word}` : word;
    }
    if (line)
        lines.push(line);
    return lines;
}
function headlineLines(report, context) {
    const head = (0,pieces/* headline */.Pl)(report, context);
    const id = head.cause ? ` (${head.cause.id})` : '';
    const title = `${head.ok ? '✓' : '✗'} ${(0,pieces/* plain */.pj)(head.title)}${id}${head.ok ? '.' : ''}`;
    return [title, ...indent(wrap((0,pieces/* plain */.pj)(head.happened))), ...(head.error !== undefined ? indent(head.error.split('\n')) : [])];
}
function renderText(report, context) {
    const warning = (0,pieces/* rateLimitWarning */.cu)(report);
    const sections = [[...headlineLines(report, context), ...(warning ? indent(wrap(`⚠ ${warning}`)) : [])]];
    const cause = (0,pieces/* causeOfReport */.nG)(report);
    if (report.conclusion === 'failure' && cause !== 'none') {
        sections.push(['How to fix:', ...indent((0,pieces/* fixLines */.$U)((0,pieces/* fixFor */.jc)({ ...report, cause }, context), context))]);
    }
    if (report.conclusion === 'success' && report.result)
        sections.push(['Result:', ...indent(report.result.split('\n'))]);
    const evidence = (0,pieces/* evidenceToShow */.IN)(report, context);
    if (evidence) {
        sections.push([
            `Evidence (${evidence.from}):`,
            ...indent(evidence.items.map((item) => `[${item.source}] ${item.text}`)),
            ...(evidence.omitted > 0 ? indent([`… and ${evidence.omitted} more in the report file`]) : []),
        ]);
    }
    if (report.mode === 'run' && report.attempts.length > 0) {
        sections.push([
            'Attempts:',
            ...indent((0,pieces/* attemptRows */.v_)(report).map((row) => [
                `#${row.number}`,
                row.ok ? 'succeeded' : `${row.result} (${row.cause})`,
                row.stopped ? row.exit : `exit code ${row.exit}`,
                row.duration,
                row.started ? `started ${(0,pieces/* plain */.pj)(row.started)}` : '',
                (0,pieces/* plain */.pj)(row.then),
            ]
                .filter(Boolean)
                .join(' · '))),
        ]);
    }
    const credentials = (report.credentials?.credentials ?? []).filter((print) => print.role !== 'ignored');
    const notes = [...(report.credentials?.conflicts ?? []), ...(report.credentials?.notes ?? [])].filter((note) => context.where === 'actions' || !(0,pieces/* speaksWorkflow */.rk)(note));
    const facts = (0,pieces/* runFacts */.pI)(report);
    const costLine = [
        facts.cost ? `Cost: ${facts.cost}` : '',
        facts.tokens ? `tokens: ${facts.tokens}` : '',
        facts.turns !== undefined ? `turns: ${facts.turns}` : '',
        report.attempts.length > 0 ? `time: ${(0,pieces/* duration */.p0)(facts.durationMs)}` : '',
    ].filter(Boolean);
    const lines = [
        ...credentials.map((print) => `Credential (${print.role}): ${(0,credentials_credential/* describeFingerprint */.ML)(print)}`),
        ...notes.map((note) => `Note: ${note}`),
        report.install ? (0,pieces/* describeInstall */.Fl)(report.install) : '',
        costLine.join(' · ').replace(/^./, (first) => first.toUpperCase()),
        facts.model
            ? `Model: ${(0,pieces/* modelName */.fD)(facts.model)}${(0,pieces/* contextWindow */.qq)(facts.model) ? ` (${(0,pieces/* contextWindow */.qq)(facts.model)}-token context window)` : ''}`
            : '',
        facts.session ? `Session: ${facts.session}` : '',
        report.mode === 'diagnose' && report.logFile ? `Log: ${report.logFile}` : '',
        report.reportFile ? `Report: ${report.reportFile}` : '',
    ].filter(Boolean);
    if (lines.length > 0)
        sections.push(lines);
    return `${sections.map((section) => section.join('\n')).join('\n\n')}\n`;
}

// EXTERNAL MODULE: ./src/report/build-report.ts
var build_report = __nccwpck_require__(417);
// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __nccwpck_require__(200);
// EXTERNAL MODULE: ./src/settings/input-files.ts
var input_files = __nccwpck_require__(259);
// EXTERNAL MODULE: ./src/settings/settings.ts
var settings_settings = __nccwpck_require__(100);
// EXTERNAL MODULE: ./src/cli/terminal-log.ts
var terminal_log = __nccwpck_require__(491);
;// CONCATENATED MODULE: ./src/cli/commands.ts
// The command line's three commands, on the same code as the action: `run` is the whole guarded run,
// `classify` diagnoses a saved log, `diagnose` checks credentials and the environment. Each returns its
// exit code: 0 success or healthy, 1 a failure (its cause printed), 2 a usage error.




















const EXIT = { ok: 0, failure: 1, usage: 2 };
class UsageError extends Error {
}
function redactorFor(env) {
    const redactor = new redact/* Redactor */.p();
    for (const name of credentials_credential/* CREDENTIAL_VARIABLES */.eB)
        redactor.add(env[name]);
    return redactor;
}
/** Prints the report, redacted as it reads before it is rendered (the terminal wraps long lines). */
function printReport(built, json, io, redactor) {
    const report = redactor.redactDeep(built);
    io.stdout.write(redactor.redact(json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report, (0,pieces/* renderContext */.wj)(io.env))));
    return report.conclusion === 'success' ? EXIT.ok : EXIT.failure;
}
/** The options of `run`, named as the action's inputs and parsed by the same parser. */
const RUN_OPTIONS = {
    'max-attempts': { help: 'attempts in all, 1 to 10', default: '3' },
    'retry-wait-seconds': { help: 'the first wait between attempts', default: '10' },
    backoff: { help: 'exponential or fixed', default: 'exponential' },
    'max-wait-seconds': { help: "the longest wait, except to honour the API's retry-after", default: '300' },
    'retry-on': { help: 'transient, any, or a comma list of cause ids', default: 'transient' },
    'timeout-minutes': { help: 'time limit per attempt, 0 for none', default: '0' },
    'claude-path': { help: 'the Claude Code executable', default: 'claude' },
    preflight: {
        help: 'check the credential before the first attempt (local checks and a free models.list)',
        default: 'true',
        negated: 'start Claude Code without that check',
    },
    'verify-credit': {
        help: 'after a credit error, test the credential with one billed 1-token request',
        default: 'true',
        negated: 'no billed request after a credit error',
    },
    'probe-model': { help: 'the model for that request', default: 'claude-haiku-4-5' },
    'working-directory': { help: 'where Claude Code runs', default: '.' },
};
/** Takes `-p <prompt>` (or `--print <prompt>`) out of Claude Code's arguments. */
function splitPrompt(args) {
    const at = args.findIndex((arg) => arg === '-p' || arg === '--print');
    const prompt = at === -1 ? undefined : args[at + 1];
    if (prompt === undefined || prompt.startsWith('-')) {
        throw new UsageError('give the prompt after `--` as `-p "<prompt>"`, e.g. `claude-code-guard run -- -p "Say hello"`.');
    }
    return { prompt, rest: [...args.slice(0, at), ...args.slice(at + 2)] };
}
async function runCommand(claudeArgs, options, io) {
    // `--verify-credit false` (the action's spelling) would leave `false` among Claude Code's arguments.
    if (claudeArgs[0] === 'true' || claudeArgs[0] === 'false') {
        throw new UsageError(`\`${claudeArgs[0]}\` before \`--\`: flags take no value; use --preflight or --no-preflight, --verify-credit or --no-verify-credit.`);
    }
    const { prompt, rest } = splitPrompt(claudeArgs);
    const inputs = { ...options.inputs, prompt, 'claude-args': (0,shell_quote.quote)(rest) };
    let settings;
    try {
        settings = (0,settings_settings/* parseSettings */.P$)((name) => inputs[name] ?? '', input_files/* diskFiles */.T);
    }
    catch (error) {
        if (!(error instanceof settings_settings/* InputError */.dz))
            throw error;
        const shown = error.value === '' ? 'empty' : JSON.stringify(error.value);
        const where = error.input === 'claude-args' ? `the arguments after -- (${shown})` : `--${error.input} is ${shown}`;
        throw new UsageError(`${where}: ${error.allowed}`);
    }
    if (settings.task.kind === 'diagnose')
        throw new UsageError('`run` runs Claude Code; for a finished run, use `classify` or `diagnose`.');
    const runSettings = { ...settings, task: settings.task };
    const redactor = redactorFor(io.env);
    const log = new terminal_log/* TerminalLog */.T(redactor, io.stderr, io.env.RUNNER_DEBUG === '1');
    const abort = new AbortController();
    const removeSignalHandlers = (0,cancel_signals/* abortOnCancelSignals */.Z)(abort, (signal) => log.info(`Received ${signal}: stopping the attempt.`));
    try {
        const { dir, problems } = createRunDirectory(io.env, false);
        const report = await (0,guard/* runGuard */.hd)(runSettings, {
            log,
            redactor,
            env: io.env,
            runDir: dir,
            reportFile: reportPath(dir),
            signal: abort.signal,
            login: () => (0,claude_login/* askClaudeLogin */.br)(settings.install.claudePath, io.env),
            where: (0,pieces/* renderContext */.wj)(io.env).where,
        });
        const problem = writeReportFile(report, redactor);
        for (const text of [...problems, ...(problem ? [problem] : [])])
            log.warning(text);
        return printReport(problem ? { ...report, reportFile: undefined } : report, options.json, io, redactor);
    }
    finally {
        removeSignalHandlers();
    }
}
/** A saved log is read whole up to this size; of a larger one, the end (where a run's error is). */
const MAX_LOG_BYTES = 64 * 1024 * 1024;
async function classifyCommand(file, options, io) {
    const exitCode = options.exitCode === undefined ? undefined : Number(options.exitCode);
    if (exitCode !== undefined && !Number.isInteger(exitCode))
        throw new UsageError(`--exit-code must be a whole number.`);
    const source = file === undefined || file === '-' ? 'standard input' : file;
    const input = source === 'standard input' ? io.stdin : (0,external_node_fs_.createReadStream)(source);
    const redactor = redactorFor(io.env);
    const startedAt = new Date();
    const chunks = [];
    let bytes = 0;
    try {
        for await (const chunk of input) {
            const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
            chunks.push(buffer);
            bytes += buffer.length;
            while (bytes - chunks[0].length > MAX_LOG_BYTES)
                bytes -= chunks.shift()?.length ?? 0;
        }
    }
    catch (error) {
        throw new UsageError(`cannot read ${source}: ${error.message}`);
    }
    const text = redactor.redact(Buffer.concat(chunks).toString('utf8'));
    if (text.trim() === '')
        throw new UsageError(`nothing to classify: ${source} is empty; give the file of a saved log.`);
    const report = (0,build_report/* savedLogReport */.U9)(readSavedLog(text, exitCode), source, startedAt);
    const code = printReport(report, options.json === true, io, redactor);
    // A saved log cannot say whether the key can spend now; the check that can is one command away.
    if (!options.json && report.cause !== 'none' && catalogue/* CREDIT_CAUSES */.j5.includes(report.cause)) {
        io.stdout.write('No credit check was made: `claude-code-guard diagnose --verify-credit` checks whether the key can spend (one 1-token message, a fraction of a cent).\n');
    }
    return code;
}
const PROBE_TIMEOUT_MS = 20_000;
async function diagnoseCommand(options, io) {
    const { env } = io;
    const setup = (0,credentials_credential/* resolveCredentials */.z8)({}, env);
    // Claude Code's own login counts only when no credential is set: otherwise it is not asked at all.
    const login = setup.primary || setup.provider ? undefined : await (0,claude_login/* askClaudeLogin */.br)(options.claudePath, env);
    const context = (0,pieces/* renderContext */.wj)(env);
    const credentials = credentialChecks(setup, login, context.where);
    const probes = [];
    const credential = setup.primary;
    // A credential the local checks already reject is not worth a request; a missing Claude Code is no
    // reason not to ask the API about the key.
    if (credential && checksVerdict(credentials).healthy) {
        const target = { baseUrl: env.ANTHROPIC_BASE_URL, timeoutMs: PROBE_TIMEOUT_MS };
        const accepted = probeCheck('API access', await (0,api_probe/* probeModels */.Z)(credential, target), 'the API accepts the credential');
        probes.push(accepted);
        if (options.verifyCredit && accepted.status === 'ok') {
            const credit = probeCheck('credit', await (0,api_probe/* probeCredit */.Y)(credential, options.probeModel, target), 'the credential can spend');
            // A one-token request refused for credit is itself the confirmation that the balance is empty.
            probes.push(credit.cause === 'credit-balance-low' ? { ...credit, cause: 'credit-exhausted' } : credit);
        }
    }
    const checks = [...credentials, ...(0,environment/* environmentChecks */.XG)(env), await (0,environment/* claudeCheck */.Jm)(options.claudePath, env), ...probes];
    const verdict = checksVerdict(checks);
    const text = options.json ? `${JSON.stringify({ ...verdict, checks }, null, 2)}\n` : renderChecks(checks, context);
    io.stdout.write(redactorFor(env).redact(text));
    return verdict.healthy ? EXIT.ok : EXIT.failure;
}


/***/ }),

/***/ 155:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   tB: () => (/* binding */ demoCommand)
/* harmony export */ });
/* unused harmony exports DEMO_KEY, demoClaude, demoEnv, differences */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(75);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _report_build_report_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(417);
/* harmony import */ var _credentials_credential_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(333);
/* harmony import */ var _demo_mock_api_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(260);
/* harmony import */ var _demo_scenarios_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(548);
/* harmony import */ var _guard_guard_js__WEBPACK_IMPORTED_MODULE_8__ = __nccwpck_require__(835);
/* harmony import */ var _health_environment_js__WEBPACK_IMPORTED_MODULE_9__ = __nccwpck_require__(179);
/* harmony import */ var _install_claude_install_js__WEBPACK_IMPORTED_MODULE_10__ = __nccwpck_require__(943);
/* harmony import */ var _process_cancel_signals_js__WEBPACK_IMPORTED_MODULE_17__ = __nccwpck_require__(231);
/* harmony import */ var _render_pieces_js__WEBPACK_IMPORTED_MODULE_11__ = __nccwpck_require__(825);
/* harmony import */ var _render_summary_js__WEBPACK_IMPORTED_MODULE_12__ = __nccwpck_require__(674);
/* harmony import */ var _secrets_redact_js__WEBPACK_IMPORTED_MODULE_13__ = __nccwpck_require__(200);
/* harmony import */ var _settings_input_files_js__WEBPACK_IMPORTED_MODULE_14__ = __nccwpck_require__(259);
/* harmony import */ var _settings_settings_js__WEBPACK_IMPORTED_MODULE_15__ = __nccwpck_require__(100);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_16__ = __nccwpck_require__(907);
/* harmony import */ var _terminal_log_js__WEBPACK_IMPORTED_MODULE_18__ = __nccwpck_require__(491);
var __webpack_async_dependencies__ = __webpack_handle_async_dependencies__([_demo_mock_api_js__WEBPACK_IMPORTED_MODULE_6__, _demo_scenarios_js__WEBPACK_IMPORTED_MODULE_7__]);
([_demo_mock_api_js__WEBPACK_IMPORTED_MODULE_6__, _demo_scenarios_js__WEBPACK_IMPORTED_MODULE_7__] = __webpack_async_dependencies__.then ? (await __webpack_async_dependencies__)() : __webpack_async_dependencies__);
// `claude-code-guard demo`: the action's main job, shown without a key or a real failure. The mock Anthropic
// API (src/demo/mock-api.ts) is started in this process on 127.0.0.1, the real Claude Code CLI runs against it
// through the same guard the action uses, and each scenario (src/demo/scenarios.ts) prints what the action did
// and whether that is what it is expected to do. Exit 0 when every scenario behaved as described, so it doubles
// as a smoke test.



















/** The one key the demo ever sets: a dummy of the real shape, for the mock (which accepts anything). */
const DEMO_KEY = 'sk-ant-api03-DEMO-not-a-real-key-for-the-mock-API-only-0000000000-DEMO';
/** The checkout this file was bundled in (dist/cli/index.js) or runs from (src/cli/demo.ts). */
const checkout = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(import.meta.dirname, '..', '..');
/** The real Claude Code to run: CCG_CLAUDE_BIN, else the checkout's devDependency, else `claude` on the PATH. */
function demoClaude(env, root = checkout) {
    if (env.CCG_CLAUDE_BIN)
        return { path: env.CCG_CLAUDE_BIN, from: 'CCG_CLAUDE_BIN' };
    const local = (0,_install_claude_install_js__WEBPACK_IMPORTED_MODULE_10__/* .findExecutable */ .oq)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, 'node_modules', '.bin', 'claude'), undefined);
    if (local)
        return { path: local, from: "the checkout's devDependency" };
    const onPath = (0,_install_claude_install_js__WEBPACK_IMPORTED_MODULE_10__/* .findExecutable */ .oq)('claude', env.PATH);
    return onPath ? { path: onPath, from: 'the PATH' } : undefined;
}
/**
 * The only environment Claude Code and the action's checks get: a home of their own, the mock's address, the
 * dummy key, no telemetry, no auto-update and no proxy. Nothing of the caller's credentials or settings.
 */
function demoEnv(base, dirs, apiUrl) {
    return {
        PATH: base.PATH,
        HOME: dirs.home,
        TMPDIR: dirs.tmp,
        LANG: 'C.UTF-8',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_AUTOUPDATER: '1',
        NO_PROXY: '127.0.0.1,localhost',
        ANTHROPIC_BASE_URL: apiUrl,
        ANTHROPIC_API_KEY: DEMO_KEY,
    };
}
/** The first wait between attempts: short, so the whole demo stays well under a minute. */
const DEMO_INPUTS = {
    prompt: 'Say hello',
    'max-attempts': '3',
    'retry-wait-seconds': '1',
};
/** A stream that indents every line written to it, so the action's log reads as part of its scenario. */
function indented(out, prefix) {
    let lineStart = true;
    return new node_stream__WEBPACK_IMPORTED_MODULE_3__.Writable({
        write(chunk, _encoding, done) {
            const text = chunk.toString();
            let shown = '';
            for (const char of text) {
                if (lineStart && char !== '\n')
                    shown += prefix;
                shown += char;
                lineStart = char === '\n';
            }
            out.write(shown);
            done();
        },
    });
}
const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
/** What the action did, in one line: its verdict, the attempts and the time. */
function describeOutcome(report, seconds) {
    const attempts = report.attempts.length > 0
        ? `after ${plural(report.attempts.length, 'attempt')}`
        : report.credentials?.stoppedAttempt
            ? 'as attempt 1 started'
            : 'before any attempt';
    const { cause } = report;
    const verdict = cause === 'none' ? report.conclusion : `${report.conclusion}: ${(0,_report_build_report_js__WEBPACK_IMPORTED_MODULE_4__/* .causeTitle */ .ev)(cause)}`;
    return `${verdict} ${attempts}, ${seconds.toFixed(1)} s`;
}
/** How the run differs from what the scenario describes; empty when it behaved as described. */
function differences(scenario, report, seconds, api) {
    const { expect } = scenario;
    const found = [];
    if (report.conclusion !== expect.conclusion)
        found.push(`expected ${expect.conclusion}, got ${report.conclusion}`);
    if (report.cause !== expect.cause)
        found.push(`expected cause ${expect.cause}, got ${report.cause}`);
    if (report.attempts.length !== expect.attempts)
        found.push(`expected ${plural(expect.attempts, 'attempt')}, got ${report.attempts.length}`);
    if (seconds > expect.withinSeconds)
        found.push(`expected to end within ${expect.withinSeconds} s, took ${seconds.toFixed(1)} s`);
    if (api.requests.length === 0)
        found.push('the mock API received no request');
    const foreign = api.requests.filter((request) => request.credential !== DEMO_KEY);
    if (foreign.length > 0)
        found.push(`${plural(foreign.length, 'request')} to the mock carried a credential other than the demo's`);
    if (report.internalError)
        found.push(`internal error: ${report.internalError}`);
    return found;
}
async function demoCommand(names, options, io) {
    const out = io.stdout;
    if (options.list) {
        const width = Math.max(..._demo_scenarios_js__WEBPACK_IMPORTED_MODULE_7__/* .DEMO_SCENARIOS */ .q.map((scenario) => scenario.name.length));
        for (const scenario of _demo_scenarios_js__WEBPACK_IMPORTED_MODULE_7__/* .DEMO_SCENARIOS */ .q)
            out.write(`${scenario.name.padEnd(width)}  ${scenario.title}\n`);
        return _commands_js__WEBPACK_IMPORTED_MODULE_16__/* .EXIT */ .dc.ok;
    }
    const unknown = names.filter((name) => (0,_demo_scenarios_js__WEBPACK_IMPORTED_MODULE_7__/* .demoScenario */ .O)(name) === undefined);
    if (unknown.length > 0) {
        throw new _commands_js__WEBPACK_IMPORTED_MODULE_16__/* .UsageError */ .eb(`no scenario ${unknown.map((name) => `'${name}'`).join(', ')}; one of: ${_demo_scenarios_js__WEBPACK_IMPORTED_MODULE_7__/* .DEMO_SCENARIOS */ .q.map((s) => s.name).join(', ')} (--list names them).`);
    }
    const chosen = names.length === 0 ? _demo_scenarios_js__WEBPACK_IMPORTED_MODULE_7__/* .DEMO_SCENARIOS */ .q : _demo_scenarios_js__WEBPACK_IMPORTED_MODULE_7__/* .DEMO_SCENARIOS */ .q.filter((scenario) => names.includes(scenario.name));
    out.write('claude-code-guard demo: the real Claude Code against a mock Anthropic API on 127.0.0.1, in this process. ' +
        'The real API is never called and no key is needed (a dummy one is set for the mock).\n');
    const claude = demoClaude(io.env);
    if (!claude) {
        io.stderr.write('claude-code-guard demo: Claude Code is not installed. Run `npm ci` in the checkout (it is a devDependency), ' +
            'put `claude` on the PATH, or name the executable in CCG_CLAUDE_BIN.\n');
        return _commands_js__WEBPACK_IMPORTED_MODULE_16__/* .EXIT */ .dc.failure;
    }
    const root = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'ccg-demo-'));
    const api = await (0,_demo_mock_api_js__WEBPACK_IMPORTED_MODULE_6__/* .startMockApi */ .tz)();
    const abort = new AbortController();
    const removeSignalHandlers = (0,_process_cancel_signals_js__WEBPACK_IMPORTED_MODULE_17__/* .abortOnCancelSignals */ .Z)(abort, (signal) => out.write(`\nReceived ${signal}: stopping the demo.\n`));
    const started = performance.now();
    let matched = 0;
    try {
        const version = await (0,_health_environment_js__WEBPACK_IMPORTED_MODULE_9__/* .claudeCheck */ .Jm)(claude.path, demoEnv(io.env, { home: root, tmp: root }, api.url));
        if (version.status !== 'ok') {
            io.stderr.write(`claude-code-guard demo: Claude Code from ${claude.from} does not start: ${version.detail}\n`);
            return _commands_js__WEBPACK_IMPORTED_MODULE_16__/* .EXIT */ .dc.failure;
        }
        out.write(`Claude Code ${version.detail} (from ${claude.from}); the mock API at ${api.url}.\n`);
        if (options.summaryDir)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(options.summaryDir, { recursive: true });
        for (const [index, scenario] of chosen.entries()) {
            if (abort.signal.aborted)
                break;
            out.write(`\n${index + 1}/${chosen.length} ${scenario.title} [${scenario.name}]\n`);
            out.write(`    The mock: ${scenario.mock}.\n    Expected: ${scenario.expected}.\n`);
            const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, scenario.name);
            const dirs = { home: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'home'), tmp: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'tmp'), work: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'work') };
            for (const path of Object.values(dirs))
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(path, { recursive: true });
            const env = { ...demoEnv(io.env, dirs, api.url), ...scenario.env };
            const inputs = {
                ...DEMO_INPUTS,
                'claude-path': claude.path,
                'working-directory': dirs.work,
                ...scenario.inputs,
            };
            const settings = (0,_settings_settings_js__WEBPACK_IMPORTED_MODULE_15__/* .parseSettings */ .P$)((name) => inputs[name] ?? '', _settings_input_files_js__WEBPACK_IMPORTED_MODULE_14__/* .diskFiles */ .T);
            if (settings.task.kind === 'diagnose')
                throw new Error(`demo scenario ${scenario.name} runs nothing`);
            const redactor = new _secrets_redact_js__WEBPACK_IMPORTED_MODULE_13__/* .Redactor */ .p();
            for (const name of _credentials_credential_js__WEBPACK_IMPORTED_MODULE_5__/* .CREDENTIAL_VARIABLES */ .eB)
                redactor.add(env[name]);
            const log = new _terminal_log_js__WEBPACK_IMPORTED_MODULE_18__/* .TerminalLog */ .T(redactor, indented(out, '  │ '));
            api.setScript(scenario.script());
            api.requests.length = 0;
            const begun = performance.now();
            const report = await (0,_guard_guard_js__WEBPACK_IMPORTED_MODULE_8__/* .runGuard */ .hd)({ ...settings, task: settings.task }, { log, redactor, env, signal: abort.signal });
            const seconds = (performance.now() - begun) / 1000;
            const calls = api.messageCalls('claude-code').length;
            const checks = api.requests.filter((request) => request.client === 'sdk').length;
            out.write(`  → ${describeOutcome(report, seconds)}. ${report.stopReason}\n`);
            out.write(`    The mock answered ${plural(calls, 'model call')} of Claude Code and ${plural(checks, 'request')} of the action's checks.\n`);
            if (options.summaryDir) {
                const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(options.summaryDir, `${index + 1}-${scenario.name}.md`);
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(file, redactor.redact((0,_render_summary_js__WEBPACK_IMPORTED_MODULE_12__/* .renderSummary */ .Br)(report, (0,_render_pieces_js__WEBPACK_IMPORTED_MODULE_11__/* .renderContext */ .wj)(env, 'actions'))));
                out.write(`    Job summary: ${file}\n`);
            }
            const found = differences(scenario, report, seconds, api);
            if (found.length === 0)
                matched += 1;
            out.write(found.length === 0 ? '  ✓ as described\n' : `  ✗ not as described: ${found.join('; ')}\n`);
        }
    }
    finally {
        removeSignalHandlers();
        await api.close();
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(root, { recursive: true, force: true });
    }
    const total = ((performance.now() - started) / 1000).toFixed(1);
    out.write(`\n${matched} of ${plural(chosen.length, 'scenario')} behaved as described, in ${total} s.\n`);
    return matched === chosen.length && !abort.signal.aborted ? _commands_js__WEBPACK_IMPORTED_MODULE_16__/* .EXIT */ .dc.ok : _commands_js__WEBPACK_IMPORTED_MODULE_16__/* .EXIT */ .dc.failure;
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } });

/***/ }),

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var commander__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(700);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(907);
/* harmony import */ var _program_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(806);
var __webpack_async_dependencies__ = __webpack_handle_async_dependencies__([_program_js__WEBPACK_IMPORTED_MODULE_2__]);
_program_js__WEBPACK_IMPORTED_MODULE_2__ = (__webpack_async_dependencies__.then ? (await __webpack_async_dependencies__)() : __webpack_async_dependencies__)[0];
// The `claude-code-guard` command line: the action's diagnosis and retries on a laptop.



// A reader that stops early (`--help | head`) is not a failure of ours.
process.stdout.on('error', (error) => {
    if (error.code !== 'EPIPE')
        throw error;
    process.exit(process.exitCode ?? _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.ok);
});
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
try {
    await (0,_program_js__WEBPACK_IMPORTED_MODULE_2__/* .buildProgram */ .T)(io).parseAsync(process.argv);
}
catch (error) {
    if (error instanceof commander__WEBPACK_IMPORTED_MODULE_0__/* .CommanderError */ .b7) {
        // Help and version end here too, with exit code 0.
        process.exitCode = error.exitCode === 0 ? _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.ok : _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.usage;
    }
    else if (error instanceof _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb) {
        io.stderr.write(`claude-code-guard: ${error.message}\n`);
        process.exitCode = _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.usage;
    }
    else {
        io.stderr.write(`claude-code-guard failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.failure;
    }
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 806:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ buildProgram)
/* harmony export */ });
/* harmony import */ var commander__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(700);
/* harmony import */ var _settings_settings_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(100);
/* harmony import */ var _package_json__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(330);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(907);
/* harmony import */ var _demo_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(155);
var __webpack_async_dependencies__ = __webpack_handle_async_dependencies__([_demo_js__WEBPACK_IMPORTED_MODULE_4__]);
_demo_js__WEBPACK_IMPORTED_MODULE_4__ = (__webpack_async_dependencies__.then ? (await __webpack_async_dependencies__)() : __webpack_async_dependencies__)[0];
// The command line's grammar, on commander: commands, options, help and usage errors. The work is in
// ./commands.ts; this file only maps arguments onto it.





/** Runs a command's handler and turns its exit code into the process's. */
const exitWith = (handler) => async (...args) => {
    process.exitCode = await handler(...args);
};
/** An option with its default, shown in the help the one way commander shows one: `(default: 3)`, no quotes. */
const withDefault = (option, value) => option.default(value, String(value));
/** The options of `run`: a value option per input, and `--x` / `--no-x` for a flag. */
function runOptionsOf(input, spec) {
    if (spec.negated === undefined)
        return [withDefault(new commander__WEBPACK_IMPORTED_MODULE_0__/* .Option */ .c$(`--${input} <value>`, spec.help), spec.default)];
    return [withDefault(new commander__WEBPACK_IMPORTED_MODULE_0__/* .Option */ .c$(`--${input}`, spec.help), spec.default === 'true'), new commander__WEBPACK_IMPORTED_MODULE_0__/* .Option */ .c$(`--no-${input}`, spec.negated)];
}
function buildProgram(io) {
    const program = new commander__WEBPACK_IMPORTED_MODULE_0__/* .Command */ .uB('claude-code-guard')
        .description('Run Claude Code with retries that only retry what a retry can fix, and diagnose its failures with evidence.')
        .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
        .showHelpAfterError('(add --help for usage)')
        .exitOverride()
        .version(_package_json__WEBPACK_IMPORTED_MODULE_2__/* .version */ .rE, '-V, --version', 'print the version')
        .addHelpText('after', '\nExit codes: 0 success or healthy, 1 a failure (its cause id is printed), 2 a usage error.');
    const run = program
        .command('run')
        .summary('run Claude Code with diagnosis and retries, as the action does')
        .description('Runs `claude -p` with stream-json output, watches it, diagnoses each failure and retries the causes a retry can fix. ' +
        'The transcript goes to stderr; the summary (or the JSON report) to stdout.')
        .usage('[options] -- -p "<prompt>" [claude arguments…]')
        .argument('<claude-args...>', 'Claude Code arguments after `--`, with the prompt as -p "<prompt>"')
        .option('--json', 'print the JSON report instead of the summary');
    const inputs = Object.entries(_commands_js__WEBPACK_IMPORTED_MODULE_3__/* .RUN_OPTIONS */ .p7);
    for (const [input, spec] of inputs)
        for (const option of runOptionsOf(input, spec))
            run.addOption(option);
    run.action(exitWith((claudeArgs, options) => {
        // commander names options in camelCase (a flag as true or false); the settings parser knows them by
        // their input names, as text.
        const given = Object.fromEntries(inputs.map(([input]) => {
            const value = options[new commander__WEBPACK_IMPORTED_MODULE_0__/* .Option */ .c$(`--${input}`).attributeName()];
            return [input, typeof value === 'boolean' ? String(value) : value];
        }));
        return (0,_commands_js__WEBPACK_IMPORTED_MODULE_3__/* .runCommand */ .d1)(claudeArgs, { inputs: given, json: options.json === true }, io);
    }));
    program
        .command('classify')
        .summary('diagnose a saved log of a failed run')
        .description('Reads a saved Claude Code log (stream-json or text) and prints the cause, the evidence and the fix.')
        .argument('[file]', 'the log file; `-` or nothing reads standard input')
        .option('--json', 'print the report format (as the action writes to report-file)')
        // No default value to give commander: the log decides. Written as commander writes the others.
        .option('--exit-code <code>', "the run's exit code, if known (default: what the log shows: its result, or else failed when it shows any sign of failure)")
        .action(exitWith((file, options) => (0,_commands_js__WEBPACK_IMPORTED_MODULE_3__/* .classifyCommand */ .IB)(file, options, io)));
    program
        .command('diagnose')
        .summary('check the credential, the environment and Claude Code')
        .description('Shows which credential Claude Code will use (as a fingerprint, never the key), the API address and proxy, ' +
        'the Claude Code version, and asks the API whether it accepts the credential (models.list, free). ' +
        '--verify-credit also sends one message of one output token, which costs a fraction of a cent.')
        .addOption(withDefault(new commander__WEBPACK_IMPORTED_MODULE_0__/* .Option */ .c$('--claude-path <path>', 'the Claude Code executable'), 'claude'))
        .addOption(withDefault(new commander__WEBPACK_IMPORTED_MODULE_0__/* .Option */ .c$('--verify-credit', 'check that the credential can spend, with one billed 1-token message'), false))
        .addOption(new commander__WEBPACK_IMPORTED_MODULE_0__/* .Option */ .c$('--no-verify-credit', 'no billed message'))
        .addOption(withDefault(new commander__WEBPACK_IMPORTED_MODULE_0__/* .Option */ .c$('--probe-model <model>', 'the model for --verify-credit'), 'claude-haiku-4-5'))
        .option('--json', 'print the checks as JSON')
        .addHelpText('after', `\nThe action is tested with Claude Code ${_settings_settings_js__WEBPACK_IMPORTED_MODULE_1__/* .PINNED_CLAUDE_VERSION */ .N6}.`)
        .action(exitWith((options) => (0,_commands_js__WEBPACK_IMPORTED_MODULE_3__/* .diagnoseCommand */ .Sl)(options, io)));
    program
        .command('demo')
        .summary('show what the action does, on the real Claude Code against a mock API (no key, no network)')
        .description('Starts a mock Anthropic API on 127.0.0.1 in this process and runs the real Claude Code through the same guard as ' +
        'the action, one scenario after another: a success, a credit error, a credit false alarm, an overload, an invalid key. ' +
        'The real API is never called and no key is needed. Exit 0 when every scenario behaved as described.')
        .argument('[scenario...]', 'the scenarios to run (default: all; --list names them)')
        .option('--list', 'name the scenarios and exit')
        .option('--summary-dir <dir>', 'also write each job summary there as Markdown')
        .action(exitWith((scenarios, options) => (0,_demo_js__WEBPACK_IMPORTED_MODULE_4__/* .demoCommand */ .tB)(scenarios, options, io)));
    return program;
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } });

/***/ }),

/***/ 491:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ TerminalLog)
/* harmony export */ });
class TerminalLog {
    redactor;
    out;
    showDebug;
    constructor(redactor, out = process.stderr, 
    /** Debug lines are shown with RUNNER_DEBUG=1, as in Actions. */
    showDebug = false) {
        this.redactor = redactor;
        this.out = out;
        this.showDebug = showDebug;
    }
    debug(message) {
        if (this.showDebug)
            this.out.write(`debug: ${this.redactor.redact(message)}\n`);
    }
    startAttempt(title) {
        this.out.write(`── ${title} ──\n`);
    }
    endAttempt() { }
    /** Redacted again: a transcript line is decoded from the stream (a key written with JSON escapes is whole only now). */
    transcript(lines) {
        this.indented(this.redactor.redact(lines));
    }
    /** The child's output, redacted already. */
    output(lines) {
        this.indented(lines.toString('utf8').replace(/\n$/, ''));
    }
    warning(message) {
        this.out.write(`warning: ${this.redactor.redact(message)}\n`);
    }
    indented(lines) {
        this.out.write(`  ${lines.replaceAll('\n', '\n  ')}\n`);
    }
    info(message) {
        this.out.write(`${this.redactor.redact(message)}\n`);
    }
}


/***/ }),

/***/ 893:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ probeCredit),
/* harmony export */   Z: () => (/* binding */ probeModels)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _credential_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(333);
// The two requests the action makes to the Anthropic API with the credential Claude Code uses, on the
// official SDK: `models.list` (free) to check the credential before a run, and a one-token
// `messages.create` (billed, a fraction of a cent) to test a credit error. Each runs in a process of its
// own (probe-process.ts), which alone loads the SDK: the preflight's request runs while Claude Code starts,
// and the action keeps reading Claude Code's output meanwhile. A process, not a worker thread: a probe no
// longer needed is killed at once, where a thread must finish starting before the action can exit.




/** probe-process.ts, bundled next to each entry (dist/probe/ and dist/cli/probe/) by `npm run bundle`. */
const probeFile = () => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_0__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_1__.fileURLToPath)(import.meta.url)), 'probe', 'index.js');
function inProcess({ signal, ...job }) {
    const started = Date.now();
    const unanswered = (message) => ({
        request: job.request,
        credential: job.credential.source,
        message,
        durationMs: Date.now() - started,
    });
    return new Promise((resolve) => {
        // Forking holds the main thread for a few milliseconds, so it waits for the next turn of the event
        // loop: by then the attempt that runs alongside has started its process.
        setImmediate(() => {
            if (signal?.aborted)
                resolve(unanswered('The request was stopped before it was sent.'));
            else
                send(resolve);
        });
    });
    function send(resolve) {
        // The credential goes over the IPC channel, never in an argument or the environment.
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_2__.fork)(probeFile(), [], {
            stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
            env: (0,_credential_js__WEBPACK_IMPORTED_MODULE_3__/* .environmentFor */ .DD)(process.env, undefined),
        });
        child.send(job);
        let settled = false;
        const settle = (result) => {
            if (settled)
                return;
            settled = true;
            signal?.removeEventListener('abort', stop);
            child.kill('SIGKILL');
            resolve({ ...result, durationMs: Date.now() - started });
        };
        const stop = () => settle(unanswered('The request was stopped before the API answered.'));
        signal?.addEventListener('abort', stop, { once: true });
        child.once('message', (result) => settle(result));
        child.once('error', (error) => settle(unanswered(`The probe failed: ${error.message}`)));
        child.once('exit', (code, killedBy) => settle(unanswered(`The probe's process ended (${killedBy ?? `exit code ${code}`}) without an answer.`)));
    }
}
/** The free check before a run: does the API accept this credential? */
function probeModels(credential, target) {
    return inProcess({ request: 'models.list', credential, ...target });
}
/** The smallest billed request: can this credential spend? */
function probeCredit(credential, model, target) {
    return inProcess({ request: 'messages.create', credential, model, ...target });
}


/***/ }),

/***/ 454:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hf: () => (/* binding */ describeLogin),
/* harmony export */   br: () => (/* binding */ askClaudeLogin)
/* harmony export */ });
/* unused harmony export parseAuthStatus */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
// Whether Claude Code is logged in by itself (`claude /login`: a Claude subscription or a Console account),
// as `claude auth status` says. It prints JSON when its stdout is not a terminal, and exits 1 when logged
// out; `loggedIn` is what counts, not the exit code. Asked only when no credential variable is set, so a
// run with a key never has Claude Code read its stored login.

/** The login `claude auth status` printed; undefined for anything that is not its JSON. */
function parseAuthStatus(stdout) {
    let value;
    try {
        value = JSON.parse(stdout);
    }
    catch {
        return undefined;
    }
    if (typeof value !== 'object' || value === null)
        return undefined;
    const { loggedIn, authMethod, subscriptionType } = value;
    if (typeof loggedIn !== 'boolean')
        return undefined;
    return {
        loggedIn,
        authMethod: typeof authMethod === 'string' ? authMethod : 'unknown',
        ...(typeof subscriptionType === 'string' ? { subscriptionType } : {}),
    };
}
/** `logged in with Claude Code (claude.ai, max)`. */
const describeLogin = (login) => `logged in with Claude Code (${[login.authMethod, login.subscriptionType].filter(Boolean).join(', ')})`;
/** Claude Code answers in a second or so; a login it cannot tell quickly is treated as none. */
const AUTH_STATUS_TIMEOUT_MS = 10_000;
/** Asks `claude auth status` (the executable found on env's PATH); undefined when it cannot say. */
function askClaudeLogin(claudePath, env) {
    return new Promise((resolve) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)(claudePath, ['auth', 'status'], { env, timeout: AUTH_STATUS_TIMEOUT_MS }, (_error, stdout) => resolve(parseAuthStatus(String(stdout))));
    });
}


/***/ }),

/***/ 333:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DD: () => (/* binding */ environmentFor),
/* harmony export */   ML: () => (/* binding */ describeFingerprint),
/* harmony export */   PR: () => (/* binding */ workflowEnvironment),
/* harmony export */   Rj: () => (/* binding */ fingerprint),
/* harmony export */   eB: () => (/* binding */ CREDENTIAL_VARIABLES),
/* harmony export */   kd: () => (/* binding */ KIND_NAMES),
/* harmony export */   z8: () => (/* binding */ resolveCredentials)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// Which credential Claude Code will use, where each one came from, how they conflict, and how to show
// one without showing it. Pure: the inputs and the environment come in as data.

/** The variables Claude Code reads, in its order of precedence (after a cloud provider). */
const CREDENTIAL_VARIABLES = ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN'];
const KIND_OF = {
    ANTHROPIC_AUTH_TOKEN: 'auth-token',
    ANTHROPIC_API_KEY: 'api-key',
    CLAUDE_CODE_OAUTH_TOKEN: 'oauth-token',
};
const KIND_NAMES = {
    'auth-token': 'auth token',
    'api-key': 'API key',
    'oauth-token': 'OAuth token',
};
const CLOUD_PROVIDERS = {
    CLAUDE_CODE_USE_BEDROCK: 'Amazon Bedrock',
    CLAUDE_CODE_USE_VERTEX: 'Google Vertex AI',
    CLAUDE_CODE_USE_FOUNDRY: 'Microsoft Foundry',
};
/** Below this length, even 11 characters would show too much of the value. */
const MIN_SHOWN_LENGTH = 24;
const visible = (text) => JSON.stringify(text).slice(1, -1);
function fingerprint(credential) {
    const { value } = credential;
    const shown = value.length >= MIN_SHOWN_LENGTH ? { first: visible(value.slice(0, 7)), last: visible(value.slice(-4)) } : {};
    return {
        kind: credential.kind,
        source: credential.source,
        length: value.length,
        ...shown,
        sha256: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(value).digest('hex').slice(0, 12),
    };
}
/** One line that identifies a credential without showing it. */
function describeFingerprint(print) {
    const ends = print.first !== undefined ? ` · ${print.first}…${print.last ?? ''}` : '';
    return `${KIND_NAMES[print.kind]} from ${print.source} · ${print.length} chars${ends} · sha256 ${print.sha256}`;
}
const isTruthy = (value) => value !== undefined && /^(?:1|true|yes)$/i.test(value.trim());
function fromInputOrEnv(variable, input, env, conflicts) {
    const fromEnv = env[variable];
    const kind = KIND_OF[variable];
    if (input.value) {
        if (fromEnv && fromEnv.trim() !== input.value.trim()) {
            conflicts.push(`Input \`${input.name}\` and the environment's ${variable} hold different ${KIND_NAMES[kind]}s; the input is used. Remove one of them so it is clear which key runs.`);
        }
        return { kind, variable, source: `input ${input.name}`, value: input.value };
    }
    return fromEnv ? { kind, variable, source: `env ${variable}`, value: fromEnv } : undefined;
}
function shadowConflict(used, shadowed) {
    if (used.kind === 'api-key' && shadowed.kind === 'oauth-token') {
        return `Both an API key (${used.source}) and an OAuth token (${shadowed.source}) are set. In \`-p\` mode the API key wins, so a funded subscription still gets credit errors from the key's organisation; remove ANTHROPIC_API_KEY to use the subscription.`;
    }
    return `${used.variable} (${used.source}) wins over ${shadowed.variable} (${shadowed.source}), which Claude Code ignores.`;
}
/** Resolves the credentials as Claude Code will: cloud provider, then ANTHROPIC_AUTH_TOKEN, API key, OAuth token. */
function resolveCredentials(inputs, env) {
    const conflicts = [];
    const candidates = [
        env.ANTHROPIC_AUTH_TOKEN
            ? {
                kind: KIND_OF.ANTHROPIC_AUTH_TOKEN,
                variable: 'ANTHROPIC_AUTH_TOKEN',
                source: 'env ANTHROPIC_AUTH_TOKEN',
                value: env.ANTHROPIC_AUTH_TOKEN,
            }
            : undefined,
        fromInputOrEnv('ANTHROPIC_API_KEY', { name: 'anthropic-api-key', value: inputs.anthropicApiKey }, env, conflicts),
        fromInputOrEnv('CLAUDE_CODE_OAUTH_TOKEN', { name: 'claude-code-oauth-token', value: inputs.claudeCodeOauthToken }, env, conflicts),
    ];
    const present = candidates.filter((credential) => credential !== undefined);
    const fallback = inputs.fallbackApiKey
        ? { kind: 'api-key', variable: 'ANTHROPIC_API_KEY', source: 'input fallback-api-key', value: inputs.fallbackApiKey }
        : undefined;
    const providerVariable = Object.keys(CLOUD_PROVIDERS).find((name) => isTruthy(env[name]));
    if (providerVariable) {
        return { provider: { variable: providerVariable, name: CLOUD_PROVIDERS[providerVariable] }, present, fallback, conflicts };
    }
    const [primary, ...shadowed] = present;
    if (primary)
        conflicts.push(...shadowed.map((other) => shadowConflict(primary, other)));
    return { present, primary, fallback, conflicts };
}
/**
 * What the runner hands the action alone, and no process the action starts needs: the inputs (the keys
 * and the GitHub token among them, whether or not this run uses them), the runtime's token for caches and
 * artifacts, and the request for an OIDC token.
 */
const RUNNER_ONLY = /^(?:INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_REQUEST_)/;
/**
 * The workflow's own environment (its `env:`, such as GH_TOKEN for `gh`, a proxy, the runner's paths),
 * without what the runner hands the action alone: the start of every environment the action builds.
 */
function workflowEnvironment(base) {
    return Object.fromEntries(Object.entries(base).filter(([name]) => !RUNNER_ONLY.test(name)));
}
/**
 * The environment for a process that must use exactly this credential, or none (the API probes get
 * theirs over a channel; npm needs none): every other credential variable is removed, so Claude Code runs
 * with the credential that was checked, and the fallback key only in the attempts that use it.
 */
function environmentFor(base, credential) {
    const env = workflowEnvironment(base);
    for (const variable of CREDENTIAL_VARIABLES)
        delete env[variable];
    if (credential)
        env[credential.variable] = credential.value.trim();
    return env;
}


/***/ }),

/***/ 79:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ checkCredential),
/* harmony export */   M: () => (/* binding */ missingCredentialFindings)
/* harmony export */ });
/* harmony import */ var _credential_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(333);

const NAMED_CHARACTERS = {
    '\n': 'a line break (\\n)',
    '\r': 'a carriage return (\\r)',
    '\t': 'a tab',
    ' ': 'a space',
    '"': 'a double quote',
    "'": 'a single quote',
    '`': 'a backtick',
};
function nameOf(char) {
    const named = NAMED_CHARACTERS[char];
    if (named)
        return named;
    const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return /^[\x21-\x7e]$/.test(char) ? `"${char}" (${code})` : code;
}
const QUOTES = /["'`]/;
/** API keys and OAuth tokens are `sk-ant-` and letters, digits, `-` and `_`; gateway tokens may hold any printable ASCII. */
const KEY_CHARACTER = /[A-Za-z0-9_-]/;
const TOKEN_CHARACTER = /[\x21-\x7e]/;
const distinct = (chars) => [...new Set(chars)];
function characterFindings(credential) {
    const { value, source } = credential;
    const findings = [];
    const malformed = (text) => void findings.push({ severity: 'error', cause: 'api-key-malformed', text });
    // Surrounding whitespace is harmless (HTTP trims header values, and the attempts get the trimmed value),
    // so it is a warning: stopping a run that would work helps nobody.
    const surrounding = (where, chars) => {
        if (!chars)
            return;
        const names = distinct([...chars])
            .map(nameOf)
            .join(' and ');
        findings.push({
            severity: 'warning',
            cause: 'api-key-malformed',
            text: `${source} ${where} with ${names}; it is passed on trimmed. Remove it from the secret.`,
        });
    };
    surrounding('starts', /^\s+/.exec(value)?.[0] ?? '');
    surrounding('ends', /\s+$/.exec(value)?.[0] ?? '');
    const core = value.trim();
    const inner = distinct([...core].filter((char) => /\s/.test(char)));
    if (inner.length > 0)
        malformed(`${source} contains ${inner.map(nameOf).join(', ')} inside it.`);
    const quotes = distinct([...core].filter((char) => QUOTES.test(char)));
    if (quotes.length > 0) {
        const wrapped = QUOTES.test(core[0]) && core.at(-1) === core[0];
        malformed(`${source} ${wrapped ? 'is wrapped in quotes' : `contains ${quotes.map(nameOf).join(', ')}`}: keys contain none.`);
    }
    const allowed = credential.kind === 'auth-token' ? TOKEN_CHARACTER : KEY_CHARACTER;
    const stray = distinct([...core].filter((char) => !/\s/.test(char) && !QUOTES.test(char) && !allowed.test(char)));
    if (stray.length > 0)
        malformed(`${source} contains characters no ${_credential_js__WEBPACK_IMPORTED_MODULE_0__/* .KIND_NAMES */ .kd[credential.kind]} contains: ${stray.map(nameOf).join(', ')}.`);
    return findings;
}
function prefixFindings(credential) {
    const core = credential.value.trim().replace(/^["'`]|["'`]$/g, '');
    const { source } = credential;
    if (credential.kind === 'api-key' && core.startsWith('sk-ant-oat')) {
        return [
            {
                severity: 'error',
                cause: 'api-key-malformed',
                text: `${source} holds an OAuth token (sk-ant-oat…), not an API key: pass it as \`claude-code-oauth-token\` (CLAUDE_CODE_OAUTH_TOKEN).`,
            },
        ];
    }
    if (credential.kind === 'oauth-token' && core.startsWith('sk-ant-api')) {
        return [
            {
                severity: 'error',
                cause: 'api-key-malformed',
                text: `${source} holds an API key (sk-ant-api…), not an OAuth token: pass it as \`anthropic-api-key\` (ANTHROPIC_API_KEY).`,
            },
        ];
    }
    if (credential.kind !== 'auth-token' && !core.startsWith('sk-ant-')) {
        return [
            {
                severity: 'warning',
                cause: 'api-key-malformed',
                text: `${source} does not start with sk-ant- as Anthropic ${_credential_js__WEBPACK_IMPORTED_MODULE_0__/* .KIND_NAMES */ .kd[credential.kind]}s do; that is right only for a gateway at ANTHROPIC_BASE_URL.`,
            },
        ];
    }
    return [];
}
/** Every local finding for one credential; empty when it looks right. */
function checkCredential(credential) {
    if (credential.value.trim() === '') {
        return [{ severity: 'error', cause: 'api-key-missing', text: `${credential.source} is set but blank (only whitespace).` }];
    }
    return [...characterFindings(credential), ...prefixFindings(credential)];
}
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);
/**
 * Why no credential reached the step, most likely reason first, as far as the run's event tells; in a
 * terminal, what is missing from the shell (there are no secrets, inputs or events there).
 */
function missingCredentialFindings(event, where = 'actions') {
    if (where === 'terminal') {
        return [
            {
                severity: 'error',
                cause: 'api-key-missing',
                text: 'No credential is set: ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY and CLAUDE_CODE_OAUTH_TOKEN are all empty in this environment, and no login of Claude Code’s own was found.',
            },
        ];
    }
    const missing = (text) => ({ severity: 'note', cause: 'api-key-missing', text });
    const findings = [
        {
            severity: 'error',
            cause: 'api-key-missing',
            text: 'No credential is set: the inputs anthropic-api-key and claude-code-oauth-token and the variables ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY and CLAUDE_CODE_OAUTH_TOKEN are all empty.',
        },
    ];
    const trigger = event?.name ? `This run was triggered by \`${event.name}\`` : undefined;
    if (event?.name && PULL_REQUEST_EVENTS.has(event.name) && event.fork === true) {
        findings.push(missing(`${trigger} from a fork: GitHub passes no secrets to pull requests from forks.`));
    }
    else if (event?.actor === 'dependabot[bot]') {
        findings.push(missing(`${trigger ?? 'This run'} by Dependabot: it reads Dependabot secrets, not Actions secrets.`));
    }
    else if (trigger) {
        findings.push(missing(`${trigger}${event?.fork === false ? ' from this repository (not a fork)' : ''}: secrets are available to it.`));
    }
    findings.push(missing("Check that the secret's name in `${{ secrets.NAME }}` matches the repository secret exactly."));
    return findings;
}


/***/ }),

/***/ 787:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A0: () => (/* binding */ refineCreditDiagnosis),
/* harmony export */   L5: () => (/* binding */ preflightDiagnosis),
/* harmony export */   WH: () => (/* binding */ describeProbe),
/* harmony export */   e4: () => (/* binding */ probeClue),
/* harmony export */   yJ: () => (/* binding */ refineForCredential)
/* harmony export */ });
/* harmony import */ var _diagnosis_clues_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(972);

function describeProbe(probe) {
    const outcome = probe.status === undefined
        ? `no answer: ${probe.message ?? 'unknown failure'}`
        : [`HTTP ${probe.status}`, probe.errorType, probe.message].filter((part) => part !== undefined).join(' · ');
    const ids = [
        probe.requestId && `request ${probe.requestId}`,
        probe.organizationId && `organisation ${probe.organizationId}`,
        probe.workspaceId && `workspace ${probe.workspaceId}`,
    ].filter(Boolean);
    return [`${probe.request} with ${probe.credential}: ${outcome}`, ...ids].join(' · ');
}
const isSuccess = (probe) => probe.status !== undefined && probe.status >= 200 && probe.status < 300;
function probeClue(probe) {
    return { source: 'probe', status: probe.status, kind: probe.errorType, text: probe.message };
}
/** Only a rejected credential stops the run before Claude Code starts; anything else lets it go on. */
const PREFLIGHT_STOPS = [
    'api-key-invalid',
    'oauth-token-invalid',
    'permission-denied',
    'organization-disabled',
];
/** What a preflight's answer means for the credential: a diagnosis when Claude Code must not start. */
function preflightDiagnosis(probe, credential) {
    if (probe.status === undefined || probe.status < 400 || probe.status >= 500)
        return undefined;
    const diagnosis = refineForCredential({
        cause: (0,_diagnosis_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .matchCause */ .D$)([probeClue(probe)])?.cause.id ?? 'claude-error',
        evidence: [{ source: 'preflight', text: describeProbe(probe) }],
    }, credential);
    return PREFLIGHT_STOPS.includes(diagnosis.cause) ? diagnosis : undefined;
}
/**
 * What a rejection means for the kind of credential that was used: the API words a refused subscription
 * token like a refused key, but its fix is another token, not another key.
 */
function refineForCredential(diagnosis, credential) {
    if (diagnosis.cause !== 'api-key-invalid' || credential?.kind !== 'oauth-token')
        return diagnosis;
    return withEvidence(diagnosis, 'oauth-token-invalid', `the rejected credential is a subscription token (${credential.source})`, 'preflight');
}
function withEvidence(diagnosis, cause, text, source = 'probe') {
    const evidence = [...diagnosis.evidence, { source, text }];
    return { ...diagnosis, cause, evidence };
}
/**
 * Turns `credit-balance-low` into what the one-token request showed: the same error → `credit-exhausted`;
 * a spend-limit error → `spend-limit`; success → `credit-false-alarm`; anything else keeps
 * `credit-balance-low`, saying why it could not be told. Other causes pass through unchanged.
 */
function refineCreditDiagnosis(diagnosis, verification) {
    if (diagnosis.cause !== 'credit-balance-low')
        return diagnosis;
    if (verification.kind === 'not-possible') {
        return withEvidence(diagnosis, diagnosis.cause, `credit not verified: ${verification.reason}`);
    }
    const { probe } = verification;
    // Attempt 0: the check of a key alone, with nothing run.
    const when = verification.afterAttempt === 0 ? '' : ` after attempt ${verification.afterAttempt}`;
    const checked = `one-token credit check${when}: ${describeProbe(probe)}`;
    if (isSuccess(probe))
        return withEvidence(diagnosis, 'credit-false-alarm', `${checked} → the key can spend`);
    const cause = (0,_diagnosis_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .matchCause */ .D$)([probeClue(probe)])?.cause.id;
    if (cause === 'credit-balance-low')
        return withEvidence(diagnosis, 'credit-exhausted', `${checked} → same credit error`);
    if (cause === 'spend-limit')
        return withEvidence(diagnosis, 'spend-limit', `${checked} → spend limit reached`);
    return withEvidence(diagnosis, diagnosis.cause, `credit not verified: ${checked}`);
}


/***/ }),

/***/ 260:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   K2: () => (/* binding */ sequence),
/* harmony export */   tz: () => (/* binding */ startMockApi)
/* harmony export */ });
/* unused harmony exports unifiedLimitHeaders, overloadedFor, tokenBucket */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(67);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_1__);
// A scripted stand-in for the Anthropic API, served on 127.0.0.1: the one mock shared by the tests, the bench
// and `claude-code-guard demo`. Error bodies and headers follow the real API (https://docs.claude.com/en/api/errors);
// success is a real server-sent-event stream, as Claude Code requests `stream: true`.
// Runnable on its own (`node src/demo/mock-api.ts <scenario>`, it prints its URL) for CI workflows. It imports
// nothing of the project, so node runs it from the source without a build.


const errorBodies = {
    credit: {
        status: 400,
        type: 'invalid_request_error',
        message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
    },
    'spend-limit': {
        status: 400,
        type: 'invalid_request_error',
        message: 'You have reached your specified API usage limits. You will regain access on 2026-12-01 at 00:00 UTC.',
    },
    unauthorized: { status: 401, type: 'authentication_error', message: 'invalid x-api-key' },
    forbidden: {
        status: 403,
        type: 'permission_error',
        message: 'Your API key does not have permission to use the specified resource.',
    },
    'rate-limited': {
        status: 429,
        type: 'rate_limit_error',
        message: 'This request would exceed the rate limit for your organization of 50,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.',
    },
    overloaded: { status: 529, type: 'overloaded_error', message: 'Overloaded' },
    'server-error': { status: 500, type: 'api_error', message: 'Internal server error' },
    'not-found-model': { status: 404, type: 'not_found_error', message: 'model: claude-haiku-4-5' },
    'prompt-too-long': {
        status: 400,
        type: 'invalid_request_error',
        message: 'prompt is too long: 215000 tokens > 200000 maximum',
    },
    'invalid-request': {
        status: 400,
        type: 'invalid_request_error',
        message: 'max_tokens: 64001 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5-20250929',
    },
    'request-too-large': { status: 413, type: 'request_too_large', message: 'Request exceeds the maximum size' },
    'organization-disabled': {
        status: 400,
        type: 'invalid_request_error',
        message: 'This organization has been disabled.',
    },
    'oauth-expired': {
        status: 401,
        type: 'authentication_error',
        message: 'OAuth token has expired. Please obtain a new token or refresh your existing token.',
    },
    'usage-limit': {
        status: 429,
        type: 'rate_limit_error',
        message: "This request would exceed your account's rate limit. Please try again later.",
    },
};
/** The rate-limit headers the API sends an API-key organisation (https://docs.claude.com/en/api/rate-limits). */
function apiKeyLimitHeaders(retryAfterSeconds, now = Date.now()) {
    const reset = new Date(Math.ceil((now + retryAfterSeconds * 1000) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    return {
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': reset,
        'anthropic-ratelimit-tokens-limit': '60000',
        'anthropic-ratelimit-tokens-remaining': '0',
        'anthropic-ratelimit-tokens-reset': reset,
        'anthropic-ratelimit-input-tokens-limit': '50000',
        'anthropic-ratelimit-input-tokens-remaining': '0',
        'anthropic-ratelimit-input-tokens-reset': reset,
        'anthropic-ratelimit-output-tokens-limit': '10000',
        'anthropic-ratelimit-output-tokens-remaining': '10000',
        'anthropic-ratelimit-output-tokens-reset': reset,
    };
}
/**
 * The `anthropic-ratelimit-unified-*` headers a subscription's responses carry (values as seen in the wild:
 * epoch-second resets, utilisation as a fraction, the representative claim naming the binding window).
 */
function unifiedLimitHeaders(status, claim, resetsInSeconds, now = Date.now()) {
    const reset = Math.floor(now / 1000) + resetsInSeconds;
    const fiveHour = claim === 'five_hour' ? reset : Math.floor(now / 1000) + 3 * 3600;
    const sevenDay = claim === 'seven_day' ? reset : Math.floor(now / 1000) + 4 * 86400;
    return {
        'anthropic-ratelimit-unified-status': status,
        'anthropic-ratelimit-unified-reset': String(reset),
        'anthropic-ratelimit-unified-representative-claim': claim,
        'anthropic-ratelimit-unified-fallback-percentage': '0.5',
        'anthropic-ratelimit-unified-5h-status': claim === 'five_hour' ? status : 'allowed',
        'anthropic-ratelimit-unified-5h-reset': String(fiveHour),
        'anthropic-ratelimit-unified-5h-utilization': claim !== 'five_hour' ? '0.41' : status === 'rejected' ? '1.02' : status === 'allowed_warning' ? '0.92' : '0.41',
        ...(claim === 'five_hour' && status === 'allowed_warning'
            ? { 'anthropic-ratelimit-unified-5h-surpassed-threshold': '0.9' }
            : {}),
        'anthropic-ratelimit-unified-7d-status': claim === 'seven_day' ? status : 'allowed',
        'anthropic-ratelimit-unified-7d-reset': String(sevenDay),
        'anthropic-ratelimit-unified-7d-utilization': claim === 'seven_day' && status === 'rejected' ? '1.0' : '0.23',
        'anthropic-ratelimit-unified-overage-status': 'rejected',
        'anthropic-ratelimit-unified-overage-disabled-reason': 'org_level_disabled',
    };
}
let requestCounter = 0;
const requestId = () => `req_011mock${(++requestCounter).toString().padStart(12, '0')}`;
function clientOf(userAgent) {
    if (userAgent.startsWith('claude-cli') || userAgent.includes('claude-code'))
        return 'claude-code';
    if (userAgent.startsWith('Anthropic/JS'))
        return 'sdk';
    return 'other';
}
function sendError(res, reply, requestedModel) {
    const spec = errorBodies[reply.kind];
    const status = reply.kind === 'server-error' ? (reply.status ?? 500) : spec.status;
    let message = spec.message;
    if (reply.kind === 'prompt-too-long' && (reply.tokens !== undefined || reply.maximum !== undefined))
        message = `prompt is too long: ${reply.tokens ?? 215000} tokens > ${reply.maximum ?? 200000} maximum`;
    if (reply.kind === 'invalid-request' && reply.message)
        message = reply.message;
    if (reply.kind === 'not-found-model' && reply.echoModel && requestedModel)
        message = `model: ${requestedModel}`;
    if (reply.kind === 'request-too-large') {
        // Cloudflare answers before the API: no request-id, no organisation, no request_id in the body.
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: spec.type, message } }));
        return;
    }
    const headers = {
        'content-type': 'application/json',
        'request-id': requestId(),
        'anthropic-organization-id': '9a1b2c3d-0000-4000-8000-00000000c0de',
    };
    if (reply.kind === 'rate-limited')
        headers['retry-after'] = String(reply.retryAfterSeconds ?? 1);
    if (reply.kind === 'rate-limited' && reply.limits === 'api-key')
        Object.assign(headers, apiKeyLimitHeaders(reply.retryAfterSeconds ?? 1));
    if (reply.kind === 'usage-limit') {
        const resetsIn = reply.resetsInSeconds ?? 2 * 3600;
        headers['retry-after'] = String(resetsIn);
        Object.assign(headers, unifiedLimitHeaders('rejected', reply.claim ?? 'five_hour', resetsIn));
    }
    if (reply.kind === 'overloaded' || reply.kind === 'server-error')
        headers['x-should-retry'] = 'true';
    res.writeHead(status, headers);
    res.end(JSON.stringify({ type: 'error', error: { type: spec.type, message }, request_id: headers['request-id'] }));
}
function sseEvent(res, event, data) {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
async function sendSuccess(res, text, model, stream, extraHeaders = {}, delayMs = 0) {
    const id = `msg_mock${requestCounter}`;
    const usage = { input_tokens: 12, output_tokens: 6, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    const headers = {
        'request-id': requestId(),
        'anthropic-organization-id': '9a1b2c3d-0000-4000-8000-00000000c0de',
        ...extraHeaders,
    };
    await pause(delayMs);
    if (res.destroyed)
        return;
    if (!stream) {
        res.writeHead(200, { ...headers, 'content-type': 'application/json' });
        res.end(JSON.stringify({
            id,
            type: 'message',
            role: 'assistant',
            model,
            content: [{ type: 'text', text }],
            stop_reason: 'end_turn',
            stop_sequence: null,
            usage,
        }));
        return;
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    await sendStream(res, { id, model, usage: { ...usage, output_tokens: 1 } }, { type: 'text', text: '' }, { type: 'text_delta', text }, 'end_turn', delayMs);
}
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * A streamed message of one content block, as the API sends it with `stream: true`, each event `delayMs` after
 * the one before; `cutAfter` events, the connection is destroyed instead of ended.
 */
async function sendStream(res, message, block, delta, stopReason, delayMs = 0, cutAfter) {
    const events = [
        [
            'message_start',
            {
                type: 'message_start',
                message: { ...message, type: 'message', role: 'assistant', content: [], stop_reason: null, stop_sequence: null },
            },
        ],
        ['content_block_start', { type: 'content_block_start', index: 0, content_block: block }],
        ['ping', { type: 'ping' }],
        ['content_block_delta', { type: 'content_block_delta', index: 0, delta }],
        ['content_block_stop', { type: 'content_block_stop', index: 0 }],
        [
            'message_delta',
            { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 6 } },
        ],
        ['message_stop', { type: 'message_stop' }],
    ];
    for (const [index, [event, data]] of events.entries()) {
        if (index > 0 && delayMs > 0)
            await pause(delayMs);
        // The client gave up (its timeout, or the attempt was stopped): nothing more to send.
        if (res.destroyed)
            return;
        if (index === cutAfter) {
            res.socket?.destroy();
            return;
        }
        sseEvent(res, event, data);
    }
    res.end();
}
function sendToolUse(res, reply, model) {
    res.writeHead(200, {
        'request-id': requestId(),
        'anthropic-organization-id': '9a1b2c3d-0000-4000-8000-00000000c0de',
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
    });
    const usage = { input_tokens: 12, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    void sendStream(res, { id: `msg_mock${requestCounter}`, model, usage }, { type: 'tool_use', id: `toolu_mock${requestCounter}`, name: reply.name, input: {} }, { type: 'input_json_delta', partial_json: JSON.stringify(reply.input) }, 'tool_use');
}
/** A success stream cut after its first three events. */
function sendCut(res, model) {
    res.writeHead(200, { 'request-id': requestId(), 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const usage = { input_tokens: 12, output_tokens: 1 };
    void sendStream(res, { id: `msg_mock${requestCounter}`, model, usage }, { type: 'text', text: '' }, { type: 'text_delta', text: 'Half a rep' }, 'end_turn', 0, 3);
}
function sendGarbage(res, reply) {
    if (reply.body === 'html') {
        res.writeHead(reply.status ?? 502, { 'content-type': 'text/html' });
        res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n');
        return;
    }
    if (reply.body === 'json') {
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', 'request-id': requestId() });
        res.end('{"unexpected": [1, 2, 3], "note": "not a message"');
        return;
    }
    res.writeHead(reply.status ?? 200, { 'content-type': 'text/event-stream', 'request-id': requestId() });
    res.end('event: message_start\ndata: {not json at all\n\nevent: ???\ndata: \u0000\u0001garbage\n\n');
}
function sendModels(res) {
    res.writeHead(200, {
        'content-type': 'application/json',
        'request-id': requestId(),
        'anthropic-organization-id': '9a1b2c3d-0000-4000-8000-00000000c0de',
    });
    res.end(JSON.stringify({
        data: [{ type: 'model', id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-01T00:00:00Z' }],
        has_more: false,
        first_id: 'claude-haiku-4-5',
        last_id: 'claude-haiku-4-5',
    }));
}
async function readBody(req) {
    const chunks = [];
    for await (const chunk of req)
        chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
}
async function startMockApi(initial = () => ({ kind: 'success' })) {
    let script = initial;
    const requests = [];
    const hanging = new Set();
    const handle = async (req, res) => {
        const body = await readBody(req);
        const userAgent = String(req.headers['user-agent'] ?? '');
        const recorded = {
            method: req.method ?? 'GET',
            path: (req.url ?? '/').split('?')[0],
            userAgent,
            apiKey: String(req.headers['x-api-key'] ?? ''),
            authorization: String(req.headers.authorization ?? ''),
            credential: String(req.headers['x-api-key'] ?? '') || String(req.headers.authorization ?? '').replace(/^Bearer /, ''),
            body,
            client: clientOf(userAgent),
        };
        const isMessages = recorded.method === 'POST' && recorded.path === '/v1/messages';
        const isModels = recorded.method === 'GET' && recorded.path.startsWith('/v1/models');
        if (!isMessages && !isModels) {
            // Telemetry, count_tokens and anything else Claude Code may call: answer harmlessly, don't script.
            requests.push(recorded);
            res.writeHead(404, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'Not found' } }));
            return;
        }
        const index = requests.filter((r) => r.path === recorded.path && r.method === recorded.method).length;
        requests.push(recorded);
        const reply = script(recorded, index);
        recorded.reply = reply.kind;
        if (reply.kind === 'reset') {
            req.socket.destroy();
            return;
        }
        if (reply.kind === 'hang') {
            hanging.add(res);
            return;
        }
        if (reply.kind === 'garbage')
            return sendGarbage(res, reply);
        // Listing models costs nothing, so the real API answers it whatever the balance or spend limit.
        if (isModels && (reply.kind === 'credit' || reply.kind === 'spend-limit'))
            return sendModels(res);
        let parsed = {};
        try {
            parsed = JSON.parse(body);
        }
        catch {
            // An unparsable body still gets the scripted reply.
        }
        const model = parsed.model ?? 'claude-sonnet-4-5';
        if (reply.kind === 'cut') {
            // Models are listed in one small body: nothing to cut halfway, so the connection just drops.
            if (isModels)
                req.socket.destroy();
            else
                sendCut(res, model);
            return;
        }
        if (reply.kind !== 'success' && reply.kind !== 'tool-use')
            return sendError(res, reply, parsed.model);
        if (isModels)
            return sendModels(res);
        if (reply.kind === 'tool-use')
            return sendToolUse(res, reply, model);
        const unified = reply.unified ? unifiedLimitHeaders(reply.unified, 'five_hour', 3 * 3600) : {};
        await sendSuccess(res, reply.text ?? 'Mock reply: all good.', model, parsed.stream === true, unified, reply.delayMs);
    };
    const server = (0,node_http__WEBPACK_IMPORTED_MODULE_0__.createServer)((req, res) => void handle(req, res));
    await new Promise((resolve) => server.listen(Number(process.env.MOCK_API_PORT ?? 0), '127.0.0.1', resolve));
    const { port } = server.address();
    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        messageCalls: (client) => requests.filter((r) => r.path === '/v1/messages' && (client === undefined || r.client === client)),
        setScript: (next) => {
            script = next;
        },
        close: async () => {
            for (const res of hanging)
                res.destroy();
            server.closeAllConnections();
            await new Promise((resolve) => server.close(() => resolve()));
        },
    };
}
/** Overloaded (529) for Claude Code's model calls until `ms` after the first one, then `then`. */
function overloadedFor(ms, then = { kind: 'success' }) {
    let firstCallAt;
    return (request) => {
        if (request.client === 'sdk')
            return { kind: 'success' };
        firstCallAt ??= Date.now();
        return Date.now() - firstCallAt < ms ? { kind: 'overloaded' } : then;
    };
}
/**
 * One shared rate limit for every model call, as an organisation's limit is shared by its jobs: a bucket of
 * `capacity` tokens refilled at `perSecond`; a call without a token gets 429 with the real `retry-after`.
 */
function tokenBucket(capacity, perSecond) {
    let tokens = capacity;
    let refilledAt = Date.now();
    return (request) => {
        if (request.path !== '/v1/messages')
            return { kind: 'success' };
        const now = Date.now();
        tokens = Math.min(capacity, tokens + ((now - refilledAt) / 1000) * perSecond);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return { kind: 'success' };
        }
        return { kind: 'rate-limited', retryAfterSeconds: Math.ceil((1 - tokens) / perSecond) };
    };
}
/** `first` for the first `count` Claude Code model calls, then `then`. */
function sequence(count, first, then = { kind: 'success' }) {
    let seen = 0;
    return (request) => {
        if (request.client === 'sdk')
            return { kind: 'success' };
        return seen++ < count ? first : then;
    };
}
/**
 * Run as a script: the file node was given is this one. Bundled into dist/cli/index.js, `import.meta.url` is
 * the bundle's, so the file name is checked too: the command line must never start a mock by itself.
 */
const runAsScript = process.argv[1] !== undefined &&
    /mock-api\.ts$/.test(process.argv[1]) &&
    import.meta.url === (0,node_url__WEBPACK_IMPORTED_MODULE_1__.pathToFileURL)(process.argv[1]).href;
if (runAsScript) {
    const scenario = process.argv[2] ?? 'success';
    const scripts = {
        success: () => ({ kind: 'success' }),
        'credit-then-success': sequence(1, { kind: 'credit' }),
        'credit-exhausted': () => ({ kind: 'credit' }),
    };
    const chosen = scripts[scenario];
    if (!chosen)
        throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(scripts).join(', ')}`);
    const api = await startMockApi(chosen);
    process.stdout.write(`${api.url}\n`);
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 548:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ demoScenario),
/* harmony export */   q: () => (/* binding */ DEMO_SCENARIOS)
/* harmony export */ });
/* harmony import */ var _mock_api_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(260);
var __webpack_async_dependencies__ = __webpack_handle_async_dependencies__([_mock_api_js__WEBPACK_IMPORTED_MODULE_0__]);
_mock_api_js__WEBPACK_IMPORTED_MODULE_0__ = (__webpack_async_dependencies__.then ? (await __webpack_async_dependencies__)() : __webpack_async_dependencies__)[0];

/**
 * Claude Code retries a 529 inside its own run (10 times by default, about three minutes); allowed one retry here,
 * it gives up on this many overloaded answers in a row, so the first attempt fails and the action's retry meets
 * the recovered API.
 */
const OVERLOADED_CALLS = 2;
const DEMO_SCENARIOS = [
    {
        name: 'success',
        title: 'A run that succeeds',
        mock: 'the API answers',
        expected: "one attempt, Claude Code's result passed through",
        script: () => () => ({ kind: 'success', text: 'Hello from the mock API.' }),
        expect: { conclusion: 'success', cause: 'none', attempts: 1, withinSeconds: 20 },
    },
    {
        name: 'credit-exhausted',
        title: 'A credit error that the one-token check confirms',
        mock: "every message is refused with 400 'Your credit balance is too low'",
        expected: 'the one-token credit check confirms the empty balance: no retry, a verdict in about a second (the usual retry loop takes ~40 s)',
        script: () => () => ({ kind: 'credit' }),
        expect: { conclusion: 'failure', cause: 'credit-exhausted', attempts: 1, withinSeconds: 15 },
    },
    {
        name: 'credit-false-alarm',
        title: 'A credit false alarm that a retry fixes',
        mock: "Claude Code's first call is refused for credit; the one-token check and every later call succeed",
        expected: 'the one-token check succeeds, so the credit error was spurious: one retry, then success',
        script: () => (0,_mock_api_js__WEBPACK_IMPORTED_MODULE_0__/* .sequence */ .K2)(1, { kind: 'credit' }),
        expect: { conclusion: 'success', cause: 'none', attempts: 2, withinSeconds: 25 },
    },
    {
        name: 'overload',
        title: 'An overload that recovers',
        mock: `529 overloaded for Claude Code's first ${OVERLOADED_CALLS} calls, then answers (Claude Code may retry once itself, CLAUDE_CODE_MAX_RETRIES=${OVERLOADED_CALLS - 1}; by default it retries a 529 ten times, about three minutes)`,
        expected: 'Claude Code gives up on the overload; the action waits about a second and its retry succeeds',
        script: () => (0,_mock_api_js__WEBPACK_IMPORTED_MODULE_0__/* .sequence */ .K2)(OVERLOADED_CALLS, { kind: 'overloaded' }),
        // Claude Code's own retries, shortened so the demo stays short: it gives up after one retry of the 529.
        env: { CLAUDE_CODE_MAX_RETRIES: String(OVERLOADED_CALLS - 1) },
        expect: { conclusion: 'success', cause: 'none', attempts: 2, withinSeconds: 25 },
    },
    {
        name: 'invalid-key',
        title: 'An invalid key, stopped at once',
        mock: "every request is refused with 401 'invalid x-api-key'",
        expected: "the preflight's free models request is refused as attempt 1 starts: Claude Code is stopped at once, and nothing is retried (alone it would retry the 401 for about three minutes)",
        script: () => () => ({ kind: 'unauthorized' }),
        expect: { conclusion: 'failure', cause: 'api-key-invalid', attempts: 0, withinSeconds: 10 },
    },
];
const demoScenario = (name) => DEMO_SCENARIOS.find((scenario) => scenario.name === name);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } });

/***/ }),

/***/ 752:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ LINKS),
/* harmony export */   j5: () => (/* binding */ CREDIT_CAUSES),
/* harmony export */   nA: () => (/* binding */ endsRunEarly),
/* harmony export */   rl: () => (/* binding */ causeOf),
/* harmony export */   yh: () => (/* binding */ CATALOGUE)
/* harmony export */ });
/* unused harmony exports CAUSE_IDS, RETRY_POLICY_TEXT */
// The one catalogue of failure causes. Each entry says what the cause is, how it is recognised, how a
// retry behaves, and how a person fixes it, in every variant the evidence can call for. Adding a cause
// means adding one entry here.
//
// Recognition is by clue: the message's words first, then its error kind (Claude Code's `api_retry.error`
// and assistant `error` fields, the API's `error.type`), then its bare HTTP status (stream-json
// `api_error_status`, `api_retry.error_status`, a status in a pasted log), each meaning what it means only
// from whoever answered. Within each, catalogue order decides (first match wins, so specific causes come
// before generic ones). Patterns are families of wordings, never one sentence.
// Every pattern must run in linear time: plain alternations, no nested quantifiers.
const CAUSE_IDS = (/* unused pure expression or super */ null && ([
    'input-invalid',
    'internal-error',
    'runner-unsupported',
    'spend-limit',
    'credit-exhausted',
    'credit-false-alarm',
    'credit-balance-low',
    'usage-limit',
    'organization-disabled',
    'oauth-token-invalid',
    'cloud-credentials-invalid',
    'api-key-missing',
    'api-key-malformed',
    'api-key-invalid',
    'github-oidc-permission',
    'github-actor-permission',
    'github-token-permission',
    'permission-denied',
    'model-not-found',
    'context-window-exceeded',
    'request-too-large',
    'usage-policy-refusal',
    'invalid-request',
    'rate-limited',
    'overloaded',
    'server-error',
    'network-error',
    'timeout',
    'claude-not-found',
    'session-not-found',
    'cancelled',
    'claude-error',
]));
/** Each retry policy in a few words, for the docs and the summary. */
const RETRY_POLICY_TEXT = {
    backoff: 'yes, each wait longer',
    steady: 'yes, at the first wait',
    'other-credential': 'only with `fallback-api-key`',
    no: 'no',
    never: 'never',
};
const LINKS = {
    billing: {
        label: 'Anthropic Console · Billing',
        target: { kind: 'url', url: 'https://console.anthropic.com/settings/billing' },
    },
    keys: { label: 'Anthropic Console · API keys', target: { kind: 'url', url: 'https://console.anthropic.com/settings/keys' } },
    limits: { label: 'Anthropic Console · Limits', target: { kind: 'url', url: 'https://console.anthropic.com/settings/limits' } },
    status: { label: 'Anthropic status page', target: { kind: 'url', url: 'https://status.anthropic.com' } },
    secrets: { label: 'this repository’s Actions secrets', target: { kind: 'repository-secrets' } },
    creditIssue: {
        label: 'Claude Code issues about the false credit error',
        target: { kind: 'url', url: 'https://github.com/anthropics/claude-code/issues?q=%22Credit+balance+is+too+low%22' },
    },
    install: { label: 'Claude Code set-up', target: { kind: 'url', url: 'https://docs.claude.com/en/docs/claude-code/setup' } },
    rateLimits: { label: 'API rate limits', target: { kind: 'url', url: 'https://docs.claude.com/en/api/rate-limits' } },
    errors: { label: 'API errors', target: { kind: 'url', url: 'https://docs.claude.com/en/api/errors' } },
    models: {
        label: 'Models overview',
        target: { kind: 'url', url: 'https://docs.claude.com/en/docs/about-claude/models/overview' },
    },
    contextWindows: {
        label: 'Context windows',
        target: { kind: 'url', url: 'https://docs.claude.com/en/docs/build-with-claude/context-windows' },
    },
    usagePolicy: { label: 'Usage Policy', target: { kind: 'url', url: 'https://www.anthropic.com/legal/aup' } },
    support: { label: 'Anthropic support', target: { kind: 'url', url: 'https://support.anthropic.com' } },
    setupToken: {
        label: 'claude-code-action: OAuth token set-up',
        target: { kind: 'url', url: 'https://github.com/anthropics/claude-code-action/blob/main/docs/setup.md' },
    },
    cloudProviders: {
        label: 'Claude Code on Bedrock, Vertex and Foundry',
        target: { kind: 'url', url: 'https://docs.claude.com/en/docs/claude-code/third-party-integrations' },
    },
    workflowPermissions: {
        label: 'GitHub: permissions for the GITHUB_TOKEN',
        target: {
            kind: 'url',
            url: 'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token',
        },
    },
    claudeApp: { label: 'the Claude GitHub App', target: { kind: 'url', url: 'https://github.com/apps/claude' } },
    oidc: {
        label: 'GitHub: OpenID Connect permissions',
        target: {
            kind: 'url',
            url: 'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#adding-permissions-settings',
        },
    },
    issues: {
        label: 'claude-code-guard issues',
        target: { kind: 'url', url: 'https://github.com/claude-code-guard/claude-code-guard/issues' },
    },
};
const SERVER_STATUSES = Array.from({ length: 100 }, (_, index) => 500 + index).filter((status) => status !== 529);
const step = (text, link) => (link ? { text, link } : { text });
/** How to store a secret, said for where the fix is read. */
function storeSecret(facts, what, variable, input) {
    return facts.where === 'actions'
        ? step(`Store ${what} as a repository secret and pass it: \`${input}: \${{ secrets.${variable} }}\`.`, LINKS.secrets)
        : step(`Export ${what} in your shell: \`export ${variable}=…\`, or log in with \`claude /login\`.`);
}
function owner(facts) {
    return facts.organizationId
        ? `organisation ${facts.organizationId}, which owns this key`
        : 'the organisation that owns this key';
}
function fallbackStep(facts) {
    if (facts.fallbackSet || facts.where === 'terminal')
        return [];
    return [step('To keep CI running meanwhile, set `fallback-api-key` to a key of another, funded organisation or workspace.')];
}
function subscriptionStep(facts) {
    if (!facts.keyShadowsSubscription)
        return [];
    return [
        step(facts.where === 'actions'
            ? 'You also set a subscription token: to run on the subscription, remove ANTHROPIC_API_KEY (and `anthropic-api-key`) from the step; in `-p` mode the key wins.'
            : 'You also set a subscription token: to run on the subscription, `unset ANTHROPIC_API_KEY`; in `-p` mode the key wins.'),
    ];
}
/** Why the credit error is unconfirmed, in one short sentence; the API checks give the details. */
function unverified(facts) {
    if (!facts.unverifiedReason)
        return '';
    return facts.unverifiedReason === 'verify-credit is off'
        ? 'The one-token credit check is off (`verify-credit: false`), so this is unconfirmed. '
        : 'The one-token credit check could not be made (the API checks say why), so this is unconfirmed. ';
}
const creditsArriving = step('If credits were bought minutes ago, wait a few minutes and run again: they take a while to arrive.');
function resetStep(facts, fallback) {
    return step(facts.resetsAt ? `The limit resets at ${facts.resetsAt}; run again after that.` : fallback);
}
const CATALOGUE = [
    {
        id: 'input-invalid',
        title: 'Invalid input',
        meaning: 'An input of this step has a value the action cannot use, so nothing was run.',
        retry: 'never',
        recognise: {},
        fix: (facts) => [
            step(facts.where === 'actions'
                ? `Fix ${facts.input ? `\`${facts.input}\`` : 'the input'} in the step’s \`with:\` block as the error says, then re-run the job.`
                : `Fix ${facts.input ? `\`--${facts.input}\`` : 'the option'} as the error says, then run again.`),
        ],
    },
    {
        id: 'internal-error',
        title: 'claude-code-guard failed',
        meaning: 'The action itself failed: this is a bug in claude-code-guard, not in your workflow or your key.',
        retry: 'never',
        recognise: {},
        fix: (facts) => [
            step(facts.where === 'actions'
                ? 'Re-run the job with debug logging on (re-run → “Enable debug logging”) to see the stack.'
                : 'Run again with RUNNER_DEBUG=1 to see the stack.'),
            step('Report it with the error above and the step’s inputs (never the key).', LINKS.issues),
        ],
    },
    {
        id: 'runner-unsupported',
        title: 'Runner not supported',
        meaning: 'claude-code-guard runs on Linux and macOS runners; on Windows it cannot stop a process tree or capture Claude Code’s output as it must, so it stops at once.',
        retry: 'never',
        recognise: {},
        fix: (facts) => [
            step(facts.where === 'actions'
                ? 'Run the job on a Linux or macOS runner, e.g. `runs-on: ubuntu-latest`.'
                : 'Run claude-code-guard on Linux or macOS.'),
        ],
    },
    {
        id: 'spend-limit',
        title: 'Spend limit reached',
        meaning: 'The API organisation has reached the monthly spend limit it set itself in the Console; requests fail until the limit is raised or the month turns.',
        retry: 'other-credential',
        recognise: {
            errorKinds: ['enforced_spend_limit_reached'],
            patterns: [
                /reached your specified [\w -]{0,42}usage limits?/i,
                /reached (?:your|its|the) (?:workspace |organi[sz]ation )?API usage limits?/i,
                /(?:workspace|organi[sz]ation)'?s? [\w -]{0,42}(?:spend|usage) limit/i,
                /spend(?:ing)? limit (?:reached|exceeded|has been reached|hit)/i,
                // A gateway's own budget for the key (LiteLLM's `max_budget`).
                /budget (?:has been |was )?exceeded|exceeded (?:the |your )?budget|Max budget:/i,
            ],
        },
        fix: (facts) => [
            step(`Raise the monthly spend limit of ${owner(facts)}, or wait for the date the error names.`, LINKS.limits),
            ...fallbackStep(facts),
        ],
    },
    {
        id: 'credit-exhausted',
        title: 'Credit exhausted (verified)',
        meaning: 'Claude Code reported a low credit balance, and a one-token request with the same key failed the same way: the organisation that owns this key has no usable credit.',
        checkedMeaning: 'A one-token request with this key was refused for lack of credit: the organisation that owns the key has no usable credit.',
        retry: 'other-credential',
        recognise: {},
        fix: (facts) => [
            step(`Buy credits for ${owner(facts)}: a one-token request failed with the same error.`, LINKS.billing),
            ...subscriptionStep(facts),
            creditsArriving,
            ...fallbackStep(facts),
        ],
    },
    {
        id: 'credit-false-alarm',
        title: 'False credit alarm',
        meaning: 'Claude Code reported a low credit balance, but a one-token request with the same key succeeded: the key can spend, so the error was spurious.',
        retry: 'steady',
        recognise: {},
        fix: (facts) => [
            step('Nothing to fund: a one-token request with the same key succeeded, so this was Claude Code’s known false credit alarm; retrying is the remedy.', LINKS.creditIssue),
            step(facts.where === 'actions'
                ? 'If it keeps happening, raise `max-attempts`.'
                : 'If it keeps happening, raise `--max-attempts`.'),
        ],
    },
    {
        id: 'credit-balance-low',
        title: 'Credit balance is too low',
        meaning: 'The API refused the request for lack of prepaid credit. The message also appears while credits bought minutes ago are still arriving, and as a known false alarm on funded accounts.',
        retry: 'steady',
        recognise: {
            // 402 Payment Required: how gateways and resellers (OpenRouter, Continue's proxy) say it.
            statuses: [402],
            errorKinds: ['billing_error', 'insufficient_quota'],
            patterns: [
                /credit balance (?:is |)(?:still |)(?:too low|insufficient|exhausted|empty)|\b(?:low|insufficient|zero) credit balance\b/i,
                /(?:insufficient|not enough) (?:credits?|balance|funds)\b/i,
                /out of credits\b/i,
                // The same in Chinese: `提示余额太低`, `余额不足`.
                /余额(?:太低|过低|不足)/,
                /no credits? (?:remaining|left)\b/i,
                /\bPayment Required\b/i,
            ],
        },
        fix: (facts) => [
            step(`${unverified(facts)}Check the credit balance of ${owner(facts)}, and buy credits there if it is zero.`, LINKS.billing),
            ...subscriptionStep(facts),
            creditsArriving,
            step('If the account is funded, this is a known false alarm; a retry usually succeeds.', LINKS.creditIssue),
        ],
    },
    {
        id: 'usage-limit',
        title: 'Subscription usage limit reached',
        meaning: 'The Claude subscription behind the OAuth token has used up its session, weekly or extra-usage allowance (the monthly spend limit of its extra usage included).',
        retry: 'other-credential',
        recognise: {
            refines: ['rate-limited'],
            errorKinds: ['usage_limit', 'usage_limit_reached'],
            // Cut-short sentences count: a paste often ends mid-word ("usage limit reac").
            patterns: [
                /usage limit (?:reac|exce|hit)/i,
                /(?:hit|reached) your [\w -]{0,40}lim|(?:hit|reached) (?:my|our|the) [\w -]{0,40}(?:5|five)[ -]?(?:hour|hr) lim/i,
                /(?:session|weekly|daily|hourly|5[- ]?(?:hour|hr)|five[-_ ]hour|opus|sonnet) (?:usage )?limit (?:has been |was |is |)(?:reac|exce|hit)/i,
                // A subscription's window, by another name: `timing out before the 5 hour cap`.
                /\b(?:session|weekly|5[- ]?(?:hour|hr)s?|five[-_ ]hours?) (?:usage )?cap\b/i,
                // Not when the writer says they are not: `Not out of usage - though this one call used 87%`.
                /(?<!\b(?:not|never|isn't|wasn't|aren't|weren't|am not) )out of (?:extra |included )?usage(?: credits)?\b/i,
                /limit (?:will )?resets? (?:at |on |in )?\d/i,
                /(?:You've|You have) hit your (?:weekly|daily|session|monthly|5-hour|usage|extra)\b/i,
                // A subscriber who says so: `it already says that I hit my limit`, `I've just hit a usage limit`.
                /\b(?<!(?:\bnot|\bnever|n't) )(?:hit|reached|hitting|reaching) (?:(?:my|our) (?:usage |session |weekly |daily |monthly |plan |subscription |)|(?:a |the \d{1,3}% |)(?:hard |)(?:usage|session|weekly|daily|monthly|plan|subscription) )limits?\b/i,
                // A subscription's extra usage stops at the spending cap its owner set.
                /spending cap (?:reached|exceeded|hit)|(?:hit|reached) (?:your|the) spending cap/i,
                // In other languages: `使用上限に達しました`, `사용 한도 도달`, `额度已用完`, `excedi o limite de uso`, `Nutzungslimit erreicht`.
                /(?:使用|利用|セッション|週間?)(?:制限|上限)に達|(?:使用|用量|会话|每周|周|5\s{0,2}小时)(?:限额|上限|限制|额度)(?:已经?|)(?:达到|用完|耗尽|用尽)|(?:达到|超出|超过|用完)了?(?:使用|用量|会话|每周|周|5\s{0,2}小时)(?:限额|上限|限制|额度)|额度(?:已经?|)(?:用完|耗尽|用尽)|(?:사용|요청|이용|세션|주간)\s{0,2}(?:한도|제한)(?:에|를|가|이|)\s{0,2}(?:도달|초과)/,
                /\b(?:excedi|excedeu|excedido|exced(?:í|ió)|atingi|atingiu|atingido|alcancé|alcanzó|alcanzado|alcancei|alcançou|alcançado|esgotei|agoté)\b.{0,30}\bl[ií]mite(?: de uso)?\b|\bl[ií]mite de uso\b.{0,20}\b(?:excedido|atingido|alcanzado|alcançado|esgotado|agotado)\b|limite d['’]utilisation (?:atteinte|dépassée)|Nutzungs(?:limit|grenze) (?:erreicht|überschritten)/i,
                // Claude Code's words for a subscription's extra usage: the API's own spend limit is worded otherwise.
                /(?:hit|reached) your (?:monthly )?spend(?:ing)? limit|claude\.ai\/settings\/usage|extra usage is required|requires extra usage|\b(?:draw|bill|charge)s? (?:from|to|against) your extra usage\b/i,
            ],
        },
        fix: (facts) => [
            resetStep(facts, 'Wait for the limit to reset (the message names the time).'),
            step('For CI, an API key with credit does not share the subscription’s limits.', LINKS.keys),
        ],
    },
    {
        id: 'organization-disabled',
        title: 'Organisation disabled',
        meaning: 'The API refused the key because the organisation that owns it has been disabled.',
        retry: 'other-credential',
        recognise: {
            errorKinds: ['org_disabled_credential', 'account_on_hold'],
            patterns: [
                /organi[sz]ation\b.{0,60}\b(?:has been|is|was) (?:disabled|suspended|deactivated)/i,
                /\bdisabled organi[sz]ation\b/i,
                // A subscription's account, suspended after a review, is refused the same way.
                /\b(?:your|this|the) account (?:has been|is|was) (?:disabled|suspended|banned|deactivated)\b/i,
            ],
        },
        fix: (facts) => [
            step('Sign in to the Console to see why the organisation was disabled, or contact Anthropic support.', LINKS.support),
            step('Use a key of another organisation that is in good standing.', LINKS.keys),
            ...fallbackStep(facts),
        ],
    },
    {
        id: 'oauth-token-invalid',
        title: 'Subscription token expired or revoked',
        meaning: 'The API rejected the Claude subscription token (OAuth): it has expired, was revoked, or was made for another use.',
        retry: 'other-credential',
        recognise: {
            patterns: [
                /OAuth (?:access )?(?:token|session) (?:has )?(?:expired|been revoked|is (?:invalid|expired|revoked))/i,
                /OAuth\b.{0,40}\bcould not be refreshed/i,
                // In Chinese: the login's credential or token has expired (`凭证过期`, `登录已过期`, `令牌失效`).
                /(?:凭证|凭据|登录|登錄|令牌|授权)(?:已经?|)(?:过期|過期|失效)/,
                /OAuth authentication is (?:currently )?not ?supported/i,
                /OAuth token\b.{0,40}\b(?:scope|does not meet|insufficient)/i,
                /only authorized for use with Claude Code/i,
                /invalid (?:bearer|OAuth) token/i,
                /(?:refresh|OAuth)[ _]token\b.{0,40}\b(?:invalid|expired|revoked|not found)/i,
                /token refresh failed|\b(?:has|with) no refresh token\b/i,
                /\bClaude (?:Code |)(?:OAuth |access |subscription |)token (?:is|has) (?:expired|been revoked)\b/i,
                // The API's word for a refused bearer token, as a subscription sends it; a refused API key is an "invalid x-api-key".
                /Invalid authentication credentials/i,
            ],
            // A refused subscription token was sent, so a "no credential" line does not explain the run, nor does
            // a connection that failed afterwards (a login that timed out): no retry mends the token.
            refines: ['api-key-missing', 'network-error'],
        },
        fix: (facts) => [
            step('Make a new long-lived token with `claude setup-token` on a machine where you are logged in.', LINKS.setupToken),
            facts.where === 'actions'
                ? step('Store it in the `CLAUDE_CODE_OAUTH_TOKEN` secret and pass it as `claude-code-oauth-token`.', LINKS.secrets)
                : step('Export it as `CLAUDE_CODE_OAUTH_TOKEN`, or log in again with `claude /login`.'),
        ],
    },
    {
        id: 'cloud-credentials-invalid',
        title: 'Cloud provider credentials refused',
        meaning: 'Claude Code runs on Amazon Bedrock, Google Vertex AI or Microsoft Foundry, and that provider refused its credentials, could not find them, or its access policy (IAM, an organisation policy) denies the call.',
        retry: 'no',
        recognise: {
            // A 401 or 403 from the provider itself; from the Anthropic API they mean other causes.
            statuses: [401, 403],
            answeredBy: ['cloud'],
            errorKinds: [
                'cloud_credential_error',
                'UnauthorizedException',
                'UnrecognizedClientException',
                'ExpiredTokenException',
                'AccessDeniedException',
            ],
            patterns: [
                // AWS: signatures (SigV4), session tokens, and IAM, STS or organisation-policy (SCP) denies.
                // Cut short or not: the phrase is AWS's own.
                /security token included in th|\binvalid security token\b/i,
                /\b(?:API key|credentials?|token)\b.{0,20}\b(?:was |were |is |)(?:rejected|refused)\b.{0,80}\b(?:Bedrock|Vertex|Foundry)\b/i,
                /(?:access key(?: ID|)|security token)\b.{0,60}\b(?:does not exist in our records|is not valid)/i,
                /signature we calculated does not match|SignatureDoesNotMatch|InvalidSignatureException|IncompleteSignature|Signature (?:has )?expired|Credential should be scoped to|Authorization header requires '?(?:Credential|Signature|SignedHeaders)'? parameter/i,
                /(?:Unauthorized|UnrecognizedClient|ExpiredToken|AccessDenied)Exception\b|\b(?:InvalidClientTokenId|MissingAuthenticationToken)\b/,
                /is not authorized to perform:? [\w-]{1,40}:|(?:IAM|role|user)\b.{0,40}\bis not authorized to perform\b|Model access is denied/i,
                /explicit deny in an? (?:service control|identity-based|resource-based|session|permissions boundary) polic/i,
                // The API's permission error, when the provider in front of it is the one that answered.
                /\b(?:Bedrock|Vertex|Foundry)\b.{0,120}\b(?:permission_error|PermissionDenied(?:Error|)|PERMISSION_DENIED)\b|\b(?:permission_error|PermissionDenied(?:Error|)|PERMISSION_DENIED)\b.{0,120}\b(?:Bedrock|Vertex|Foundry)\b/i,
                /(?:don'?t|do not) have (?:access|permission) to (?:access |use |invoke |)the model with the specified model/i,
                /Could not load (?:the default )?credentials(?: from any providers)?/i,
                /\b(?:Bedrock|Vertex|Foundry|AWS) credentials\b.{0,80}\b(?:none (?:are|is) available|not available|unavailable)\b/i,
                // A profile that needs a second factor the tool cannot ask for.
                /requires multi-factor authentication|\bMFA (?:code|token)\b.{0,40}\b(?:callback|required|not provided|was not provided)/i,
                /(?:retriev|load|obtain|refresh)ing credentials from\b|credentials? (?:refresh|retrieval) failed|invalid subscription key/i,
                /Unable to locate credentials|NoCredentials(?:Error|Exception)|CredentialsNotLoaded|no providers in (?:the |)chain provided? credentials|CredentialRetrievalError|ExpiredToken\b|Error loading SSO Token|UnauthorizedSSOTokenError|\bSSO (?:session|token)\b.{0,60}\b(?:expired|invalid)|\b(?:expired|invalid)\b.{0,60}\bSSO (?:session|token)\b|Token has expired and refresh failed/i,
                /(?:Bedrock|Vertex|Foundry|AWS|Google Cloud|Azure)\b.{0,80}\b(?:credentials?|token|auth\w{0,14})\b.{0,40}\b(?:invalid|expired|refused|denied|missing|not found)/i,
                /(?:Bedrock|Vertex|Foundry|AWS|Google Cloud|GCP|Azure)\b.{0,80}\b(?:could not|couldn't|unable to|failed to) (?:resolve|find|load|get|obtain|refresh|locate)\b.{0,40}\b(?:credentials?|token)\b/i,
                /"Message":"(?:Authentication failed|Invalid API Key|The security token|User: arn:aws)/,
                // Google: Application Default Credentials, expired gcloud logins, Vertex permissions.
                /Could not automatically determine credentials|default credentials were not found|DefaultCredentialsError|Application Default Credentials|Reauthentication is needed/i,
                /invalid_grant.{0,200}(?:reauth|gcloud|google)|(?:reauth|gcloud|google).{0,200}invalid_grant/i,
                // Google's token exchange for workload identity federation refuses an old ID token.
                /ID Token issued at \d{1,12} is stale|is stale to sign-in/i,
                /Permission \\{0,2}'?aiplatform\.[\w.]{1,60}\\{0,2}'? denied|insufficient authentication scopes|The caller does not have permission/i,
                // Azure and Foundry: the credential chain.
                /(?:DefaultAzure|ChainedToken|ManagedIdentity|AzureCli|ClientSecret|WorkloadIdentity|Environment)Credential\b.{0,120}\b(?:failed|unavailable|authentication|could not)|CredentialUnavailableError|ClientAuthenticationError|\bAADSTS\d{5,6}\b/,
            ],
        },
        fix: () => [
            step('Check the provider’s credentials in this job: for Bedrock, the AWS role or keys (aws-actions/configure-aws-credentials) and AWS_REGION; for Vertex, the Google auth step and CLOUD_ML_REGION; for Foundry, the Azure login.', LINKS.cloudProviders),
            step('Check that the identity may invoke the model (e.g. `bedrock:InvokeModel`) in that region.'),
        ],
    },
    {
        id: 'api-key-missing',
        title: 'No credential',
        meaning: 'Claude Code found no credential: the secret is not set, or it did not reach this step.',
        retry: 'other-credential',
        recognise: {
            patterns: [
                /Not logged in\b/i,
                // claude-code-action's check of its inputs: neither credential was given.
                /Environment variable validation failed/i,
                /(?:x-api-key|api[_-]?key) header is (?:required|missing)|missing (?:an |a |the |)(?:x-api-key|api[_-]?key) header/i,
                /(?<!invalid or )missing (?:API key|ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|CLAUDE_CODE_OAUTH_TOKEN)\b/i,
                /(?:API key|ANTHROPIC_API_KEY|CLAUDE_CODE_OAUTH_TOKEN|credentials?) (?:environment variable )?(?:is |are )?(?:not set|not found|not configured|not provided|missing|required|empty)/i,
                // A list of the credentials of which one must be set, however many it names.
                /(?:Either|One of)\b.{0,40}\b(?:ANTHROPIC_API_KEY|CLAUDE_CODE_OAUTH_TOKEN)\b.{0,200}\b(?:is|are|must be) (?:required|set|provided)/i,
                /Could not resolve (?:the |an? |)(?:authentication method|API (?:token|key)|credentials?)\b/i,
                // A host's store of secrets that has none by the key's name.
                /\b(?:couldn't|could not|can't|cannot|unable to) find (?:a |the |any |)secret\b.{0,40}(?:API_KEY|API key|OAUTH_TOKEN|token)\b/i,
                /\bNo (?:[\w-]{1,20} |)(?:API key|credentials?|ANTHROPIC_API_KEY|auth(?:entication)? token)\b.{0,20}\b(?:found|configured|provided)/i,
                // A bearer header with nothing after it: the token it was built from was empty.
                /['"`]Bearer ?['"`]|\bAuthorization: Bearer\s{0,4}$/i,
                // A job log's echo of the step's env: a secret that is not set prints as nothing.
                /^\s{0,8}(?:ANTHROPIC_API_KEY|CLAUDE_CODE_OAUTH_TOKEN|anthropic_api_key|claude_code_oauth_token):\s{0,4}$/,
            ],
        },
        fix: (facts) => facts.where === 'actions'
            ? [
                storeSecret(facts, 'the key', 'ANTHROPIC_API_KEY', 'anthropic-api-key'),
                step('Pull requests from forks get no secrets; Dependabot runs read Dependabot secrets, not Actions secrets; check the secret’s exact name.'),
            ]
            : [storeSecret(facts, 'an API key', 'ANTHROPIC_API_KEY', 'anthropic-api-key')],
    },
    {
        id: 'api-key-malformed',
        title: 'Malformed credential',
        meaning: 'The credential holds something no key holds (a line break, spaces, quotes, stray characters) or is the wrong kind of token for where it was given.',
        retry: 'other-credential',
        recognise: {
            patterns: [
                // A slot that holds one kind of token was given another: `Expected token starting with sk-ant-oat01-`.
                /\b(?:expected|must|should)\b.{0,30}\b(?:start|begin)(?:s|ing|) with ['"`]?sk-/i,
                /\bANTHROPIC_API_KEY\s{0,2}[=:]\s{0,4}['"]?sk-ant-oat|\bCLAUDE_CODE_OAUTH_TOKEN\s{0,2}[=:]\s{0,4}['"]?sk-ant-api/,
                // A subscription token sent where an API key goes, and refused as one.
                /\bsk-ant-oat.{0,120}\binvalid x-api-key\b|\binvalid x-api-key\b.{0,120}\bsk-ant-oat|\bANTHROPIC_API_KEY\b.{0,60}\b(?:subscription|OAuth|setup-token) token\b/,
                // A key cut short where it was pasted: `Token pasted to openclaw is incomplete`.
                /\b(?:API key|token|key)\b[\w -]{0,80}\b(?:is|was|gets?|got|being|been) (?:incomplete|truncated|cut off)\b/i,
                // An HTTP client refuses a header value with a line break or a character a header cannot carry.
                /Invalid character in header content|\b(?:invalid|illegal) header value\b|is an invalid header value|Header '?[\w-]{1,40}'? has (?:an )?invalid value|Unexpected char 0x[0-9a-fA-F]{2} at \d{1,6} in [\w-]{1,40} value|invalid (?:character|byte|value) in (?:the )?(?:Authorization|x-api-key)\b/i,
            ],
            // The API refuses what it was given as a key; the text shows why: it was no key, or not one alone.
            refines: ['api-key-invalid'],
        },
        fix: (facts) => [
            facts.where === 'actions'
                ? step('Save the secret again with only the key: no line break, spaces or quotes around it.', LINKS.secrets)
                : step('Set the variable again with only the key: no line break, spaces or quotes around it.'),
            step(facts.where === 'actions'
                ? 'An API key (`sk-ant-api…`) goes in `anthropic-api-key`; a subscription token (`sk-ant-oat…`) in `claude-code-oauth-token`.'
                : 'An API key (`sk-ant-api…`) goes in ANTHROPIC_API_KEY; a subscription token (`sk-ant-oat…`) in CLAUDE_CODE_OAUTH_TOKEN.'),
        ],
    },
    {
        id: 'api-key-invalid',
        title: 'Invalid API key',
        meaning: 'The API rejected the key (HTTP 401): it is wrong, revoked, or belongs to another service.',
        retry: 'other-credential',
        recognise: {
            statuses: [401],
            answeredBy: ['anthropic'],
            // The API's type, and the class the SDKs (and LiteLLM) raise for it.
            errorKinds: ['authentication_error', 'AuthenticationError'],
            patterns: [
                /invalid[ _-](?:x-)?api[ _-]?key/i,
                /(?:API key|x-api-key) (?:is )?(?:invalid|incorrect|not valid|revoked|disabled)/i,
                // OpenAI-style gateways' word for a key they refuse: `401 Invalid Authentication`.
                /incorrect API key|\bInvalid Authentication\b(?!\s{1,3}credentials)/i,
                /\bnot a valid (?:API |x-api-|)key\b/i,
                /Unable to authenticate\b/i,
            ],
        },
        fix: (facts) => [
            step('Create a new key in the Anthropic Console.', LINKS.keys),
            facts.where === 'actions'
                ? step('Store the whole key in the repository secret, with no spaces or line breaks.', LINKS.secrets)
                : step('Export the whole key as ANTHROPIC_API_KEY, with no spaces or line breaks.'),
        ],
    },
    {
        id: 'github-oidc-permission',
        title: 'No GitHub App token for claude-code-action',
        meaning: 'claude-code-action could not exchange the job’s OpenID Connect token for its GitHub App token: the job lacks the `id-token: write` permission, or the Claude GitHub App is not installed on the repository.',
        retry: 'no',
        recognise: {
            patterns: [
                /ACTIONS_ID_TOKEN_REQUEST_(?:URL|TOKEN)/,
                /(?:fetch|get|obtain|request) (?:a |an )?OIDC token/i,
                /(?:invalid )?OIDC token (?:request )?(?:failed|error|not available|is invalid)|Invalid OIDC token/i,
                /id-token: write/,
                /\bfail(?:s|ed|ing|) to exchange (?:the |an? |)OIDC token|App token exchange failed|Claude (?:Code|GitHub App) is not installed on this repository|install the Claude GitHub App/i,
                // The exchange also refuses a workflow file that differs from the default branch's.
                /Workflow validation failed|workflow file must (?:exist and )?have identical content/i,
            ],
        },
        fix: () => [
            step('Give the job `permissions: id-token: write` (with the other permissions it needs).', LINKS.oidc),
            step('Install the Claude GitHub App on the repository.', LINKS.claudeApp),
            step('Or pass your own token to claude-code-action as `github_token`, so that it needs no OIDC exchange.', LINKS.workflowPermissions),
            step('If the log says the workflow validation failed, the workflow file differs from the default branch’s: merge it there first.'),
        ],
    },
    {
        id: 'github-actor-permission',
        title: 'The actor may not run Claude here',
        meaning: 'claude-code-action refused to run because the user who triggered it has no write permission to the repository.',
        retry: 'no',
        recognise: {
            patterns: [
                /Actor (?:does not|doesn't) have write permissions?/i,
                /Actor has insufficient permission/i,
                /Failed to check permissions\b/i,
                /(?:user|actor) .{0,60}(?:does not|doesn't) have (?:write|admin) (?:access|permissions?)/i,
                /is not a (?:collaborator|member) with write access/i,
                // Bots: claude-code-action runs for the bots it is told to allow.
                /non-human actor|allowed_bots|allowed_non_write_users|\bbots? (?:is |are )?not allowed|\[bot\].{0,80}\bnot allowed/i,
            ],
        },
        fix: () => [
            step('Trigger it as a collaborator with write access, or add the user to the repository.'),
            step('For bots, list them in claude-code-action’s `allowed_bots`; for other users, see its `allowed_non_write_users`.'),
        ],
    },
    {
        id: 'github-token-permission',
        title: 'The workflow token was refused',
        meaning: 'GitHub refused the job’s token (HTTP 403): it lacks a permission the step needs, such as `contents: write` to push or `pull-requests: write` to comment.',
        retry: 'no',
        recognise: {
            // A 401 or 403 from GitHub, not from the Anthropic API: the job's token or the app token.
            statuses: [401, 403],
            answeredBy: ['github'],
            patterns: [
                /Permission to \S{1,200} denied to/i,
                /Resource not accessible by (?:integration|personal access token)/i,
                // A step that says which permission its token lacks: `fails because it needs write permissions`.
                /\b(?:needs?|requires?|lacks?|missing|without) (?:the |)(?:write|contents: ?write|pull-requests: ?write|issues: ?write) permissions?\b/i,
                /The requested URL returned error: 403/i,
                /refusing to allow a GitHub App to create or update workflow/i,
                /(?:GITHUB_TOKEN|GitHub token)\b.{0,40}\b(?:lacks?|is missing|missing|has no|without|insufficient|does not have|doesn't have|needs?|requires?)\b.{0,30}\b(?:permission|scope)/i,
                /requires '?(?:actions|contents|pull-requests|issues|checks|statuses|packages|workflows|id-token): ?(?:read|write)'? permission/i,
                /Bad credentials/,
            ],
        },
        fix: (facts) => [
            step('Grant the job the permission the step needs in `permissions:` (e.g. `contents: write` to push, `pull-requests: write` or `issues: write` to comment).', LINKS.workflowPermissions),
            // Read where the job is: a terminal has no pull requests to speak of.
            ...(facts.where === 'actions'
                ? [
                    step('Pull requests from forks only get a read-only token; use `pull_request_target` with care, or skip the step for forks.'),
                ]
                : []),
        ],
    },
    {
        id: 'permission-denied',
        title: 'Permission denied',
        meaning: 'The API accepted the key but refused the request (HTTP 403): the key may not use this model, workspace or feature, or the organisation turned Claude Code off.',
        retry: 'no',
        recognise: {
            statuses: [403],
            answeredBy: ['anthropic'],
            errorKinds: ['permission_error', 'forbidden', 'oauth_org_not_allowed', 'PermissionDeniedError'],
            patterns: [
                /\bpermission_error\b/,
                /does not have permission to use|\bRequest (?:is |was |)not allowed\b/i,
                /(?:region|country|territory)\b.{0,40}\bnot (?:supported|available|allowed)|unsupported_country|not available in your (?:region|country)/i,
                /(?:disabled|turned off|not enabled) (?:Claude Code|access)\b/i,
                /Claude Code (?:is )?(?:disabled|not enabled|not allowed)/i,
                /(?:organi[sz]ation|admin) has (?:disabled|turned off|not enabled)\b/i,
                /not allowed for this organi[sz]ation/i,
                /\b(?:organi[sz]ation|account|workspace|team)\b.{0,20}\b(?:does not|doesn't|do not|don't) have access to (?:Claude|this model|the model|Claude Code)\b/i,
                /\bnot (?:allowed|permitted|authori[sz]ed) to (?:access|use|call) (?:the |this |)model\b/i,
            ],
        },
        fix: () => [
            step('Check the key’s workspace and its model access in the Console, or choose another model with `--model`.', LINKS.keys),
            step('If your organisation manages Claude Code access, ask its admin to allow it for this key or user.'),
        ],
    },
    {
        id: 'model-not-found',
        title: 'Model not found',
        meaning: 'The API does not know the model Claude Code asked for (HTTP 404), or this key may not use it.',
        retry: 'no',
        recognise: {
            statuses: [404],
            errorKinds: ['not_found_error', 'model_not_found', 'NotFoundError'],
            patterns: [
                /issue with the selected model/i,
                /invalid model(?: name| id| identifier|)\b|model (?:name|id|identifier) (?:is |was )?invalid|not a valid model\b|\bmodel_not_supported\b|model (?:is )?not supported\b/i,
                /model\b.{0,80}\bmay not exist or (?:you )?may not have access/i,
                // Vertex AI names a model the project may not use, or cannot find, its Publisher Model.
                /not allowed to use Publisher Model|Publisher Model\b.{0,200}\b(?:was )?not found/i,
                /(?:Run|Use) (?:\/model|--model) to pick a different model/i,
                // The API's not-found message is the model's name alone: `"message":"model: claude-…"`.
                // A model's id has a hyphen and ends the message: `"message":"model: claude-3-opus-2024"`.
                /(?:error|Error)\W{1,4}model: [\w.@:]{0,40}-[\w.@:-]{1,80}(?:"|\s{0,2}$)|"message": ?"model: [\w.@:]{0,40}-[\w.@:-]{1,80}"/,
                /model(?: id)? .{0,80}(?:not found|does not exist|is not available|is invalid)/i,
                /\bunknown model\b|\bmodel (?:code |name |id )?(?:is )?unknown\b/i,
                // In Chinese, as gateways word it: `模型不存在`, `找不到模型`, `未知模型`.
                /模型(?:名称|代码|ID|)\s{0,2}(?:不存在|未找到|找不到)|(?:找不到|未知的?)\s{0,2}模型/i,
                // A named model this account may not use yet: `Claude Fable 5 is currently unavailable`.
                /\bClaude [A-Z][a-z]{2,12} \d(?:\.\d{1,2}|) is (?:currently |)unavailable\b/,
            ],
        },
        fix: () => [
            step('Check the model name in `--model` (or ANTHROPIC_MODEL): use a current id or alias such as `claude-sonnet-4-5`, and drop retired models.', LINKS.models),
            step('On Bedrock or Vertex, use that provider’s model id and check the model is enabled in your region.'),
        ],
    },
    {
        id: 'context-window-exceeded',
        title: 'Prompt too long',
        meaning: 'The conversation no longer fits the model’s context window: the prompt, files and tool output are too many tokens.',
        retry: 'no',
        recognise: {
            errorKinds: ['ContextWindowExceededError'],
            patterns: [
                /prompt (?:is )?too long|\b(?:hit|hitting|reached|at) (?:my|the|its) prompt (?:length |size |)limit\b/i,
                /conversation (?:is )?too long/i,
                /input length and `?max_tokens`? exceed context limit/i,
                /exceeds? (?:the )?(?:available |model |model's |models |)(?:maximum )?context (?:window|length|limit|size)/i,
                /context (?:window|length|size) (?:exceeded|is full|limit exceeded)|\bcontext limit (?:reached|exceeded|hit)\b/i,
                /maximum context length is \d/i,
                /(?:prompt|input) tokens? (?:count )?(?:of [\d,]{1,12} |)exceeds? (?:the )?(?:limit|maximum)|max_prompt_tokens_exceeded/i,
                /\binput is too long\b/i,
                /\blonger than (?:the )?(?:model's |models |model |maximum |)context (?:length|window)/i,
                /\d{1,9} tokens > \d{1,9} maximum/,
            ],
        },
        fix: () => [
            step('Give Claude less at once: a narrower prompt, fewer or smaller files, or split the task over several steps.', LINKS.contextWindows),
            step('Limit the work with `--max-turns`, or let Claude compact earlier; long tool outputs (logs, diffs) fill the window fastest.'),
        ],
    },
    {
        id: 'request-too-large',
        title: 'Request too large',
        meaning: 'The request is bigger than the API accepts: HTTP 413, or a 400 that names an image over its size or dimension limit. It comes from large or many images or files.',
        retry: 'no',
        recognise: {
            statuses: [413],
            errorKinds: ['request_too_large', 'RequestTooLargeError'],
            patterns: [
                /request (?:is )?too large/i,
                /payload (?:size )?(?:exceeds|is too large|too large)|(?:request|payload|body) size exceeds|(?:request|payload|body) (?:size )?(?:cannot|can't|must not|may not) exceed|maximum allowed (?:number of )?bytes/i,
                /Request exceeds (?:the |)maximum (?:allowed )?size/i,
                /too many images/i,
                /\bimages?\b[\w ]{0,40}(?:\b(?:exceeds?|is larger than|are larger than|too large)|(?:>|\bover|\blarger than|\bbigger than|\babove) ?\d{1,4} ?[MK]B\b)|image dimensions? exceeds?|exceeds? max(?:imum)? allowed (?:size|dimensions?)/i,
                /Payload Too Large|Content Too Large|Request Entity Too Large/i,
            ],
        },
        fix: () => [
            step('Send less in one request: fewer or smaller images and files (the API’s request limit is 32 MB).', LINKS.errors),
        ],
    },
    {
        id: 'usage-policy-refusal',
        title: 'Refused under the Usage Policy',
        meaning: 'The API declined the request because it appears to violate Anthropic’s Usage Policy.',
        retry: 'no',
        recognise: {
            errorKinds: ['refusal', 'ContentPolicyViolationError'],
            patterns: [
                /violates? (?:our|the|Anthropic's) Usage Polic(?:y|ies)|\b(?:Usage|Content) Polic(?:y|ies)["”']? (?:violations?|issues|errors|refusals)\b/i,
                // In Japanese and Chinese: `ポリシー違反としてブロック`, `违反使用政策`.
                /ポリシー違反|违反(?:了|)(?:使用|内容|)政策/,
                /(?:violate|violates|violating) (?:our|the|Anthropic's) (?:Terms|Acceptable Use|AUP)|Claude refused (?:this|the) request/i,
                // The model's own refusal, as a stream or an SDK's repr shows it, and a provider's content filter.
                /stop_reason["']?\s{0,2}[=:]\s{0,2}["']?refusal\b|blocked by (?:our |the |a |)content[ _-]?(?:filter|filtering|policy|safety)|content[ _-]filter(?:ing)? policy|\bcontent_filter\b/i,
                /API Error: .{0,60}can(?:'|’)?t help with (?:this|that)|anthropic\.com\/legal\/aup/i,
                /Usage Policy \(https?:\/\/[^)\s]{0,80}aup/i,
                /\bcontent (?:was )?(?:blocked|filtered) by\b/i,
                // The API's refusal by its safety classifiers: `has safety measures that flagged this message for a … topic`.
                /safety ?measures that flagged|flagged (?:this|your) (?:message|request|prompt) for\b/i,
                // A client's log of the model's refusal: `Refusal received: category='…'`.
                /\brefusal (?:received|detected|returned)\b/i,
                /\b(?:Claude(?: Code|)|the model) refused to (?:respond to|answer|help with|continue with) (?:this|the|your)\b|\bviolates? (?:its|our|the) (?:content|usage|safety) polic/i,
            ],
        },
        fix: () => [
            step('Rephrase the prompt or remove the content that triggers the refusal; retrying the same request will not help.', LINKS.usagePolicy),
        ],
    },
    {
        id: 'invalid-request',
        title: 'Invalid request',
        meaning: 'The API rejected the request as malformed (HTTP 400 `invalid_request_error`), for example a `max_tokens` over the model’s limit or a bad tool schema.',
        retry: 'no',
        recognise: {
            statuses: [400],
            errorKinds: ['invalid_request_error', 'invalid_request', 'BadRequestError', 'UnprocessableEntityError'],
            // Its status and kind, and a cloud provider's own word for a malformed request: a message that names
            // another cause says so first (those causes come earlier in the catalogue).
            patterns: [
                /\bValidationException\b|\bINVALID_ARGUMENT\b|Malformed input request|must alternate between (?:the )?user and assistant|Invalid JSON payload received/,
                /\bmax(?:imum)?[ _]tokens\b.{0,80}\bexceeds? (?:the |)(?:model|maximum|limit)/i,
                /\b(?:budget_tokens|max_tokens)\b.{0,20}\b(?:should|must|cannot|can't|may) not (?:exceed|be (?:greater|larger|more))\b/i,
                // A message the API refuses for its content's shape: `text content blocks must be non-empty`.
                /\bcontent blocks? must (?:be |)non-empty\b|\bmust have non-empty content\b/i,
                // A beta header the API does not know: `Unexpected value(s) … for the anthropic-beta header`.
                /Unexpected value\(s\)|\bfor the [`'"]?anthropic-beta[`'"]? header\b/i,
                // The API names the field it refused by its path: `tools.0.custom.name: String should match pattern …`.
                /\b(?:messages|tools)\.\d{1,4}[\w.]{0,120}: [A-Za-z][\w ]{0,40}\b(?:must|should|cannot|can't|not|only|exceed\w{0,2}|required|invalid)\b|\b(?:messages|tools|system|tool_choice|max_tokens|thinking|metadata|temperature|top_[pk]|stop_sequences)[\w.]{0,120}: (?:String should|Input should|Field required|Extra inputs are not permitted|Value error|should (?:match|be|have)|must (?:be|have|not)|(?:is|are) (?:required|not (?:allowed|permitted|supported)))/,
            ],
        },
        fix: () => [
            step('Read the API’s message in the evidence: it names the field. A `max_tokens` error usually means CLAUDE_CODE_MAX_OUTPUT_TOKENS or the model does not fit; update Claude Code or change the model.', LINKS.errors),
        ],
    },
    {
        id: 'rate-limited',
        title: 'Rate limited',
        meaning: 'The organisation sent more requests or tokens than its rate limit allows (HTTP 429); it clears after the time the API names.',
        retry: 'backoff',
        recognise: {
            statuses: [429],
            errorKinds: ['rate_limit', 'rate_limit_error', 'RateLimitError'],
            patterns: [
                // Not a header's name (`x-ratelimit-remaining`, `anthropic-ratelimit-…`): every answer carries those.
                /(?<![-_])rate[ -]?limit(?:ed)?\b/i,
                /Too Many Requests|too many tokens,? please wait/i,
                /(?:Throttling|TooManyRequests)(?:Exception)?\b|\bRESOURCE_EXHAUSTED\b|Quota exceeded/i,
            ],
        },
        fix: (facts) => [
            step(facts.where === 'actions'
                ? 'Let the retries wait it out; for lasting relief, run fewer jobs at once (`concurrency:`, `max-parallel`) or ask for a higher rate limit.'
                : 'Wait a minute and run again; for lasting relief, ask for a higher rate limit.', LINKS.rateLimits),
        ],
    },
    {
        id: 'overloaded',
        title: 'API overloaded',
        meaning: 'Anthropic’s API is temporarily overloaded (HTTP 529); it usually passes within minutes.',
        retry: 'backoff',
        recognise: {
            statuses: [529],
            errorKinds: ['overloaded', 'overloaded_error', 'OverloadedError'],
            patterns: [/\bOverloaded\b/, /servers are (?:currently )?overloaded/i],
        },
        fix: () => [step('Retry later; check the status page if it persists.', LINKS.status)],
    },
    {
        id: 'server-error',
        title: 'API server error',
        meaning: 'The API failed on its side (HTTP 5xx); a retry usually succeeds.',
        retry: 'backoff',
        recognise: {
            // Any 5xx but 529 (overloaded), with the 52x a CDN in front of the API answers.
            statuses: SERVER_STATUSES,
            // Not Claude Code's `server_error`: it names connection failures that way too.
            errorKinds: ['api_error', 'InternalServerError', 'ServiceUnavailableError'],
            patterns: [/Internal server error\b/i, /\b(?:Bad Gateway|Service Unavailable|Gateway Time-?out)\b/i],
        },
        fix: () => [step('Retry later; check the status page if it persists.', LINKS.status)],
    },
    {
        id: 'network-error',
        title: 'Network error',
        meaning: 'The connection to the API failed or timed out (refused, reset, DNS, TLS, proxy); the runner’s network, a proxy or ANTHROPIC_BASE_URL is the usual suspect.',
        retry: 'steady',
        recognise: {
            unanswered: true,
            errorKinds: ['network_error', 'connection_error', 'connection_failed', 'APIConnectionError', 'APITimeoutError'],
            patterns: [
                /\b(?:ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_[A-Z_]{2,40})\b/,
                /Connection error/i,
                /Unable to connect/i,
                // Not a tool that could not hook one program up to another: `Could not connect Claude Code to the IDE`.
                /could not connect(?! (?!to\b)[\w.-]{1,40} (?:[\w.-]{1,40} |)to\b)/i,
                /socket hang up/i,
                /fetch failed/i,
                /socket connection was closed unexpectedly/i,
                // A request's own time-out (the SDK's, the HTTP client's), not the run's time limit.
                /The operation timed out|(?:Request|connection|connect|socket|read) (?:has )?timed out|(?:Read|Connect) timeout on endpoint/i,
                /\bAPI time-?out\b|\brequest exceeded (?:the )?time limit|\btimeout of \d{1,7} ?m?s exceeded\b|\bnetwork timeout at\b/i,
                /\b(?:APIConnectionTimeout|ConnectTimeout|ReadTimeout|RequestTimeout|HttpTimeout)(?:Error|Exception)?\b|\bConnectorError\b.{0,40}\bTimeout\b/,
                /connection (?:reset|refused|aborted|closed)\b|connection (?:was |has been )(?:reset|refused)\b/i,
                /\bnetwork (?:error|is unreachable)\b/i,
                /(?:getaddrinfo|DNS lookup) fail/i,
                /certificate (?:has expired|verify failed|is not yet valid)|self[- ]signed certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to (?:get (?:local |)issuer certificate|verify the first certificate)/i,
                // The TLS codes Node, OpenSSL, Python, Go and Java give a certificate they cannot trust (an inspecting proxy's).
                // A reply a proxy or gateway in between rewrote or swallowed: `API returned an empty or malformed response (HTTP 200)`.
                /\bempty or malformed response\b|\bcheck for a proxy or gateway\b/i,
                /\b(?:SSL|TLS) certificate verification (?:failed|errors?)\b|\bcertificate verify failed\b/i,
                /\b(?:SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|CERT_UNTRUSTED|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|ERR_TLS_CERT_ALTNAME_INVALID|CERTIFICATE_VERIFY_FAILED|CRYPT_E_NO_REVOCATION_CHECK|CRYPT_E_REVOCATION_OFFLINE|SEC_E_UNTRUSTED_ROOT)\b|SSL certificate problem|x509: certificate signed by unknown authority|PKIX path building failed/,
                /proxy (?:error|authentication required)|tunneling socket/i,
                // Go's TLS layer: `remote error: tls: bad record MAC`, `tls: handshake failure`.
                /\bremote error: tls: \w|\btls: (?:bad record MAC|handshake failure|internal error)\b/,
                // A base URL that is no URL (`ANTHROPIC_BASE_URL=api.example.com`), and a provider out of reach.
                /\bInvalid URL\b|\bERR_INVALID_URL\b|\bunsupported (?:URL )?(?:protocol|scheme)\b/i,
                /\b(?:having |)trouble (?:connecting|reaching)\b/i,
            ],
            // A client's title for any failed request, and a bare error whose stack runs through Node's HTTP
            // client or TLS layer: they speak only when nothing else names a cause.
            afterOthers: [
                /\((?:node:)?_(?:http_client|tls_wrap)(?:\.js)?:\d/,
                /\b(?:unable to|could not|couldn't|cannot|can't|failed to) (?:reach|contact) (?:the |)(?:model |API |)(?:provider|API|server|upstream|endpoint|host)\b/i,
            ],
        },
        fix: (facts) => [
            step(facts.where === 'actions'
                ? 'Retry; if it persists, check the runner’s proxy settings (HTTPS_PROXY) and that ANTHROPIC_BASE_URL, if set, is reachable from the runner.'
                : 'Check your connection, proxy (HTTPS_PROXY) and ANTHROPIC_BASE_URL, if set; then run again.'),
        ],
    },
    {
        id: 'timeout',
        title: 'Timed out',
        meaning: 'A time limit stopped the run: the step’s `timeout-minutes`, a wrapper’s own limit, or a watchdog that saw no activity.',
        retry: 'backoff',
        recognise: {
            errorKinds: ['attempt_timeout'],
            patterns: [
                /(?:timed out|time-?out) after \d/i,
                // A limit of minutes or hours the run went past: `exceeded its 30 minute limit`.
                /exceeded (?:its |the |a |)(?:maximum |max |)\d{0,5}[ -]?(?:minutes?|mins?|hours?|h|m)[ -]?(?:time |run |execution |)limit/i,
                // A wrapper's own limit on Claude Code: `sdk-session: claude did not connect within 30s`.
                /\b(?:did not|didn't|failed to) (?:connect|respond|start|finish|complete|return)\b.{0,20}\bwithin \d{1,6}\s{0,2}(?:ms|s|secs?|seconds?|m|mins?|minutes?)\b/i,
                // A run that hung until someone or something stopped it: `hangs indefinitely until we kill it`.
                /\bhang(?:s|ed|ing|)\b.{0,40}\buntil (?:we|I|it is|it was|it's|the (?:watchdog|wrapper|harness|job)) (?:kill|killed|terminate|terminated|stop|stopped)/i,
                /(?:process|run|execution|job|step|command|Claude Code|claude|agent|session|task|turn|workflow|pipeline|action) (?:has |had |)(?:timed out|keeps timing out|got stuck and timed out)\b|\b(?:process|run|job|command|agent|session|task|swarm) (?:always|still|[a-z]{2,20}ly) times out\b|\bgot stuck\b.{0,60}\band timed out\b/i,
                /\b(?:claude(?: -p|)|Claude Code|the CLI|the agent)\b.{0,60}\b(?:returns?|returned|gets?|got|throws?|hits?) (?:a |an |)time-?out\b/i,
                // A wrapper's own limit on a run, by its name: `Adapter execution timeout`.
                /\b(?:execution|adapter|agent|task|job|run) time-?out\b/i,
                // GitHub's word for a job past its own time limit is the runner's cancellation (see cancelled).
                /(?<!\bjob running on runner\b.{0,200})exceeded (?:the )?(?:maximum )?(?:execution|run|wall[- ]clock) time/i,
                // A wrapper that kills a run past its own limit: `exceeded 3s, killing run`.
                /\bexceeded (?:the |its |a |)(?:limit of |)\d{1,6} ?(?:ms|s|secs?|seconds?|m|mins?|minutes?|h|hours?)\b.{0,20}\b(?:killing|killed|terminating|terminated|aborting|stopping|stopped)\b/i,
                // The same in Chinese: `因超时被终止`, `触发超时机制，进程被强制终止`.
                /(?:超时|TIMEOUT)\s?(?:机制|限制|)[^。\n]{0,12}(?:终止|杀死|中止|杀掉)/,
                // A run that went past its own limit: `remote session exceeded 30 minutes`.
                /\b(?:session|run|job|task|review|agent|process|step|turn|command)\b.{0,20}\bexceeded (?:the |its |a |)(?:maximum |max |)(?:time limit of |)\d{1,5} ?(?:minutes?|mins?|hours?|seconds?|secs?|[smh])\b/i,
                // A run stopped when its time reached a limit: `terminated once the execution time hits the 300-second threshold`.
                /\b(?:terminated|killed|stopped|aborted)\b.{0,100}\b\d{1,6}[- ]?(?:seconds?|secs?|minutes?|mins?|hours?)\b.{0,20}\b(?:threshold|time limit|limit|time-?out|cap)\b/i,
                // Watchdogs: no output, inactivity, an idle stream.
                /\bno (?:output|activity|progress|response) (?:for|in|after) (?:the last )?\d/i,
                // A command's flag (`--timeout-ms 300000`, `--idle-timeout 600`) sets a limit; it does not say one was hit.
                /(?:inactivity|idle|no activity|no output|stall(?:ed)?|watchdog|heartbeat)\b.{0,40}\b(?<!(?:^|\s)--?[\w-]{0,30})(?<!\bno )(?:time-?out|timed out|killed|kill|limit|exceeded|expired)/i,
                // A client that kills every run at its own limit: `The SDK kills these operations after exactly 5 minutes`
                // (one run "killed after 120 s" says no more than that it was killed).
                /\bkills\b.{0,40}\bafter (?:exactly |about |roughly |)\d{1,5}\s{0,2}(?:s|secs?|seconds?|m|mins?|minutes?|h|hours?)\b/i,
                /(?:killed|terminated|stopped|aborted)[\w .]{0,30} (?:of|for|due to) (?:inactivity|no output|being idle)/i,
                // A wrapper that says its time ran out and it is stopping the run: `agent timeout, killing`.
                /\b(?:time-?out|timed out)\b.{0,40}\b(?:killing|killed|terminating|terminated|aborting|stopping|stopped|cancell?ed)\b/i,
                // The Agent SDK's own handshakes with the CLI.
                /control request timeout|initiali[sz]e\b.{0,30}\btimed out/i,
                // A wrapper that gave up waiting for the session or process it started.
                /timed out waiting for (?:the |a |)(?:tmux |agent |claude |)(?:session|process|agent|claude|container|worker)\b/i,
                /\bcancell?ed (?:because of|due to|by|after) (?:a |the |its |)(?:time-?out|time limit)\b/i,
                // A wrapper that waited for Claude Code as long as it would.
                /\bwithin (?:the |its |a |)(?:time-?out|time limit|deadline)\b|\bTime-?out waiting for (?:Claude|the agent|the CLI|claude-code)\b/i,
                // Python's own `asyncio.wait_for` limit: a bare TimeoutError ends the traceback.
                /asyncio\.(?:exceptions\.)?TimeoutError|^\s{0,4}TimeoutError\s{0,4}$/,
                /\btimeout(?:\(1\))?: (?:sending signal|the monitored command)/i,
                /\bexit(?:ed)? (?:with )?(?:code|status) 124\b/i,
                // Kubernetes and other schedulers.
                /DeadlineExceeded|activeDeadlineSeconds|deadline exceeded/i,
            ],
        },
        fix: (facts) => [
            step(facts.where === 'actions'
                ? 'Raise the time limit (`timeout-minutes` of this step, or the wrapper’s), or limit the work with `--max-turns` in `claude-args`.'
                : 'Raise the time limit (`--timeout-minutes`), or limit the work with `--max-turns`.'),
        ],
    },
    {
        id: 'claude-not-found',
        title: 'Claude Code could not be started',
        meaning: 'The Claude Code executable was not found or could not be run.',
        retry: 'no',
        recognise: {
            errorKinds: ['spawn_failed'],
            // Any executable the run needs, however the runtime words it: Bun, Node, Python, a native binary, a worker.
            patterns: [
                /\b(?:claude|bun|node|nodejs|python3?|npx|uvx?|deno)(?:\.exe)?['"]?:? (?:command )?not found|\bcommand not found: (?:claude|bun|node|nodejs|python3?|npx|uvx?|deno)\b/i,
                /spawn \S{0,200} ENOENT|posix_spawnp? failed|ENOENT: no such file or directory,? \(?(?:spawn|posix_spawn|cmd)/,
                // Found, but not runnable: a binary for another platform, or one without the right to run.
                /\bexec format error\b|cannot execute binary file|spawn \S{0,200} EACCES|is not a valid Win32 application/i,
                /Failed to (?:spawn|start|launch|find|execute|run) (?:the )?Claude(?: Code| CLI|)\b/i,
                /(?:Claude Code|claude)\b.{0,20}\b(?:executable|native binary|binary)\b.{0,200}\bfailed to (?:launch|start|spawn|execute|run)\b/i,
                /(?:claude|bun|node|python3?)\S{0,40}['"]?:? No such file or directory/,
                /(?:Claude Code|claude|the CLI)\b.{0,20}\b(?:executable|native binary|binary|CLI)\b.{0,40}\bnot found/i,
                /(?:Claude Code|Claude CLI|claude\.exe)(?: executable| binary| CLI)? (?:was |is )?not found\b|\bclaude (?:is|was) not found\b|CLINotFound/i,
                /\[WinError 2\] The system cannot find the file specified|No such file or directory: '[^']{0,200}(?:claude|node|bun)\b/i,
                /(?:could not|cannot|unable to) (?:find|locate) (?:the )?(?:Claude Code|claude)\b.{0,20}\b(?:executable|binary|CLI|command)/i,
                /Cannot find module '@anthropic-ai\/claude-(?:code|agent-sdk)/,
                // Started, but gone before it could take a prompt; Go's word for an executable it could not run.
                /\b(?:claude|Claude Code|ACP agent|agent)\b.{0,40}\b(?:exited|died|crashed|failed) (?:during|at|on|before) (?:start-?up|initiali[sz](?:e|ed|ing|ation))\b/i,
                /\bfork\/exec \S{0,200}\b(?:claude|node|bun)(?:\.exe|\.cmd|): /i,
                // An install that did not finish leaves no executable: `Could not install - another process is currently installing Claude`.
                /(?:failed|unable) to install (?:the )?(?:claude|Claude Code|@anthropic-ai\/claude-code)\b|\b(?:could not|couldn't|cannot|can't) install\b.{0,60}\b(?:claude|Claude Code|@anthropic-ai\/claude-code)\b/i,
                /is not recognized as (?:an internal or external command|(?:the |a )?name of a cmdlet)|CommandNotFoundException/i,
                // A lookup that names what it could not find is Claude's only when it names Claude or its runtime.
                /\bexec: "(?:[^"\n]{0,200}[\\/]|)(?:claude|node|bun|npx)(?:\.exe)?": executable file not found|(?<!exec: "[^"\n]{1,200}": )executable (?:file )?not found in \$?PATH(?:\s{0,4}$|: ?["']?[^"'\n]{0,200}\b(?:claude|node|bun)\b)/im,
                /(?:Claude Code|Claude CLI|Claude Agent SDK|Claude Code SDK|claude)(?: CLI| native binary| binary| executable|) (?:is |)not installed\b/i,
                /\bclaude`? (?:is |was |)not (?:resolvable|on (?:the |your |)PATH|in (?:the |your |)PATH)\b/i,
                /\b(?:agent|Claude Code|Claude CLI|claude)\b.{0,40}\b(?:does not|doesn't) (?:appear|seem) to be installed/i,
                // The shell's own word for a command it cannot find.
                /\bexit(?:s|ed)?(?: with)? (?:(?:code|status):? |)127\b/i,
                /(?:找不到|未找到|无法找到)\s{0,2}claude|claude\s{0,2}(?:命令)?\s{0,2}(?:未找到|找不到|不存在)/i,
            ],
        },
        fix: (facts) => [
            step(facts.where === 'actions'
                ? 'Let the action install it (`install-claude: auto`), install it in an earlier step (`npm install -g @anthropic-ai/claude-code`), or point `claude-path` at the executable.'
                : 'Install it (`npm install -g @anthropic-ai/claude-code`), or point `--claude-path` at the executable.', LINKS.install),
        ],
    },
    {
        id: 'session-not-found',
        title: 'Session to resume not found',
        meaning: 'Claude Code was asked to resume a session it cannot find: sessions live under $HOME/.claude of the machine that ran them.',
        retry: 'no',
        recognise: {
            patterns: [
                /No conversation found\b/i,
                /(?:session|conversation)\b.{0,80}\b(?:not found|does not exist|doesn't exist|could not be found|cannot be found|no longer exists)/i,
                /(?:could not|failed to|unable to|cannot) (?:find|load|resume|restore) (?:the )?(?:previous )?(?:session|conversation)/i,
                /--resume\b.{0,80}\b(?:not found|(?:requires|needs|expects) a valid|invalid|not a valid|not a UUID)/i,
                /(?:session|conversation) (?:ID|id)\b.{0,60}\b(?:is invalid|is not a valid|not found)|invalid (?:session|conversation) (?:ID|id)\b/i,
                /(?:session|conversation) (?:is |was )?not (?:loaded|resumed|restored)|resume mismatch/i,
                // The session's transcript file is gone: `ENOENT … ~/.claude/projects/…/<id>.jsonl`.
                /\.claude[\\/]projects[\\/][^\s'"]{1,300}\.jsonl\b.{0,80}\bENOENT|\bENOENT\b.{0,200}\.claude[\\/]projects[\\/][^\s'"]{1,300}\.jsonl\b/,
            ],
        },
        fix: () => [
            step('Drop `--resume` from the arguments, or restore the `~/.claude` folder of the earlier run (e.g. with actions/cache) first.'),
        ],
    },
    {
        id: 'cancelled',
        title: 'Cancelled',
        meaning: 'The run was cancelled (the job was cancelled or hit its own time limit); the attempt was stopped with every process it started.',
        retry: 'never',
        recognise: {
            errorKinds: ['cancelled', 'aborted'],
            patterns: [
                /The operation (?:was|will be) cancell?ed/i,
                // Azure Pipelines' word for the same: `Job cancellation triggered`, `OperationCanceledException`.
                /\b(?:job|run|pipeline|build) cancell?ation (?:was |has been |)(?:triggered|requested)\b|\bOperationCancell?edException\b/i,
                /The (?:job|run|workflow|step|task) (?:was|has been) cancell?ed/i,
                /aborted by (?:the )?user/i,
                // GitHub's concurrency groups cancel a run when a newer one waits.
                /Canceling since a higher priority waiting request|higher priority waiting request for .{1,200} exists/i,
                /cancell?ed by (?:the )?(?:user|a newer run|another run|concurrency|control plane|server|orchestrator|scheduler|supervisor|admin(?:istrator)?)\b|\bcancell?ed\b.{0,60}\b(?:due to|because of) (?:a |the |its |)concurrency\b|\bmanually cancell?ed\b|\bcancell?ed (?:it |the (?:run|job|workflow) |)manually\b/i,
                /runner has received a shutdown signal/i,
                // A run's state as a field: `Status: cancelled`, `"conclusion": "cancelled"`.
                /\b(?:status|state|conclusion)["']?\s{0,2}[:=]\s{0,2}["']?cancell?ed\b/i,
                // A job past its own `timeout-minutes`: the runner cancels every step still running.
                /\bjob running on runner\b.{0,200}\bexceeded the maximum execution time/i,
            ],
            // An abort says the run was stopped, not why: whatever else the text shows (a time-out, an
            // overload) is the cause, and the abort only its end.
            afterOthers: [
                /(?:operation|stream|query|request) (?:was |has been )?aborted\b|\bAbortError\b/i,
                // A wrapper or a person that stopped the run: `calling abort handler`, `interrupt()`, `Interrupted by user`,
                // `Interrupted (CTRL+C)`, Python's KeyboardInterrupt.
                /\b(?:abort|cancel|interrupt)(?:ion|)(?: is|) (?:requested|request received)\b|\bcalling (?:the |)(?:abort|cancel|interrupt)(?: handler|\(\))|\b(?:instance|query|client|session)\.interrupt\(\)|\binterrupted by (?:the )?user\b|\binterrupted \((?:CTRL|Ctrl|ctrl)[+-]C\)|\bKeyboardInterrupt\b/i,
                // A termination signal the process was sent: someone stopped it.
                /\b(?:received|got|caught|killed by) (?:signal )?(?:SIG)?TERM\b|\bexit(?:ed)? (?:with )?code:? -15\b/i,
            ],
        },
        fix: (facts) => [
            step(facts.where === 'actions'
                ? 'Re-run the job. If the job’s own `timeout-minutes` cancelled it, raise that limit or set this step’s `timeout-minutes` below it.'
                : 'Run it again.'),
        ],
    },
    {
        id: 'claude-error',
        title: 'Claude Code failed',
        meaning: 'Claude Code ended with an error that is not an API problem (max turns, a tool failure, a crash or an unknown exit).',
        retry: 'no',
        recognise: {
            patterns: [
                /\berror_max_turns\b/,
                /Reached (?:the )?max(?:imum)? (?:number of )?turns/i,
                /\bturns?\b.{0,30}\bexceed\w{0,3}\b.{0,30}\bmax(?:imum)?\b|\bmax(?:imum)?[ _-]?turns\b.{0,20}\b(?:reached|exceeded|hit)\b/i,
            ],
        },
        fix: (facts) => [
            step('Read the evidence and the last lines of output: they show what Claude Code said before it stopped.'),
            step(facts.where === 'actions'
                ? 'If the run hit `--max-turns`, raise it in `claude-args`.'
                : 'If the run hit `--max-turns`, raise it.'),
        ],
    },
];
const byId = new Map(CATALOGUE.map((cause) => [cause.id, cause]));
function causeOf(id) {
    const cause = byId.get(id);
    if (!cause)
        throw new Error(`cause ${id} is not in the catalogue`);
    return cause;
}
/** Whether Claude Code should be stopped at the first in-run retry that shows this cause. */
const endsRunEarly = (cause) => cause.retry !== 'backoff';
/** The causes about credit, whose fix depends on what the credit check found. */
const CREDIT_CAUSES = ['credit-exhausted', 'credit-false-alarm', 'credit-balance-low', 'spend-limit'];


/***/ }),

/***/ 107:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ classify)
/* harmony export */ });
/* harmony import */ var _clues_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(972);
/* harmony import */ var _reset_time_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(990);


/**
 * The API's retry-after as Claude Code reveals it: each in-run delay for a 429 is the larger of the
 * retry-after and Claude Code's own backoff, so the smallest is the tightest wait that still honours it.
 */
function retryAfterMs(observation) {
    const delays = observation.apiRetries
        .filter((retry) => retry.errorStatus === 429 && retry.retryDelayMs !== undefined)
        .map((retry) => Math.ceil(retry.retryDelayMs ?? 0));
    return delays.length > 0 ? Math.min(...delays) : observation.retryAfterMs;
}
/** When a usage limit resets: as Claude Code's stream said, else as the evidence's wording says. */
function resetsAt(observation, evidence, now) {
    return observation.resetsAt ?? evidence.map((item) => (0,_reset_time_js__WEBPACK_IMPORTED_MODULE_1__/* .resetTimeFrom */ .Z)(item.text, now)).find((at) => at !== undefined);
}
function diagnosis(cause, evidence, observation, now = new Date()) {
    const wait = cause === 'rate-limited' ? retryAfterMs(observation) : undefined;
    const resets = cause === 'usage-limit' ? resetsAt(observation, evidence, now) : undefined;
    return {
        cause,
        evidence,
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
        ...(resets === undefined ? {} : { resetsAt: resets }),
    };
}
/** Undefined when the attempt succeeded. */
function classify(observation, outcome) {
    if (outcome.spawnError !== undefined) {
        return diagnosis('claude-not-found', [{ source: 'process', text: outcome.spawnError }], observation);
    }
    if (outcome.stopped === 'cancelled') {
        return diagnosis('cancelled', [{ source: 'process', text: 'the run was cancelled and the attempt stopped' }], observation);
    }
    if (outcome.stopped === 'timeout') {
        return diagnosis('timeout', [{ source: 'process', text: 'the attempt ran past timeout-minutes and was stopped' }], observation);
    }
    const exitEvidence = {
        source: 'process',
        text: outcome.signal ? `killed by ${outcome.signal}` : `exit code ${String(outcome.exitCode)}`,
    };
    if (outcome.exitCode === 0 && outcome.signal === null && observation.result?.isError !== true)
        return undefined;
    // A run that ended by itself says best why; an early stop speaks for a run that never got to say it.
    if (observation.earlyStop && observation.result === undefined) {
        const { cause, clue, why } = observation.earlyStop;
        return diagnosis(cause, [...(0,_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .toEvidence */ .zR)([clue]), { source: 'process', text: `stopped Claude Code early: ${why}` }], observation);
    }
    // Most decisive first: the final result, then what the lines showed by where it stood (a structured
    // field, a line that shows a failure, a line of output), then in-run retries, and prose last.
    const { resultClues, lineClues, retryClues } = observation;
    // Error lines and output are read together, in order: a wrapped error shows its status on one line
    // and its words on the next.
    const { structured, lines, prose } = (0,_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .byPlace */ .hz)(lineClues);
    const found = (0,_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .matchCause */ .D$)(resultClues) ??
        (0,_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .matchCause */ .D$)(structured) ??
        (0,_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .matchLatest */ ["do"])(lines) ??
        (0,_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .matchLast */ .eN)(retryClues) ??
        (0,_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .matchCause */ .D$)(prose) ??
        (0,_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .matchAfterOthers */ .$W)([...resultClues, ...lineClues]);
    if (found) {
        const { cause, matched } = (0,_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .refine */ .YP)(found, [...resultClues, ...lineClues, ...retryClues]);
        return diagnosis(cause.id, [...(0,_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .toEvidence */ .zR)(matched), exitEvidence], observation);
    }
    // No cause fits: the evidence is what showed the failure, never an empty line.
    const shown = observation.resultClues.length > 0
        ? (0,_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .toEvidence */ .zR)(observation.resultClues)
        : observation.failureLines.length > 0
            ? (0,_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .toEvidence */ .zR)(observation.failureLines)
            : observation.lineClues.length > 0
                ? (0,_clues_js__WEBPACK_IMPORTED_MODULE_0__/* .toEvidence */ .zR)(observation.lineClues.slice(-1))
                : observation.tail
                    .filter((line) => line.trim() !== '')
                    .slice(-1)
                    .map((text) => ({ source: 'output', text: text.trim() }));
    return diagnosis('claude-error', [...shown, exitEvidence], observation);
}


/***/ }),

/***/ 972:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $W: () => (/* binding */ matchAfterOthers),
/* harmony export */   D$: () => (/* binding */ matchCause),
/* harmony export */   YP: () => (/* binding */ refine),
/* harmony export */   "do": () => (/* binding */ matchLatest),
/* harmony export */   eN: () => (/* binding */ matchLast),
/* harmony export */   hz: () => (/* binding */ byPlace),
/* harmony export */   zR: () => (/* binding */ toEvidence)
/* harmony export */ });
/* harmony import */ var _catalogue_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(752);
// Clues are the facts an attempt shows that may identify a cause: a status, an error kind, a line of
// text, each with where it was seen. The catalogue matches them; a diagnosis names the cause and keeps
// the clues that showed it as evidence, described for a person. Pure.

/** Who may answer with a cause's statuses and kinds, unless the cause says otherwise. */
const ANTHROPIC_OR_CLOUD = ['anthropic', 'cloud'];
const TIERS = ['words', 'kind', 'status'];
function clueMatches(cause, clue, tier) {
    const { statuses, errorKinds, patterns, answeredBy = ANTHROPIC_OR_CLOUD, unanswered } = cause.recognise;
    if (unanswered && clue.status != null)
        return false;
    if (tier === 'words') {
        // A terminal pads where it wraps: words are matched with runs of spaces closed up.
        const text = clue.text?.includes('  ') ? clue.text.replace(/\s{2,}/g, ' ') : clue.text;
        return text !== undefined && patterns?.some((pattern) => pattern.test(text)) === true;
    }
    if (tier === 'kind')
        return clue.kind !== undefined && errorKinds?.includes(clue.kind) === true;
    // A bare status means what it means only from whoever answered.
    return clue.status != null && statuses?.includes(clue.status) === true && answeredBy.includes(clue.origin ?? 'anthropic');
}
/**
 * The cause the clues show, with the clues that show it. The message decides before its kind, and its
 * kind before its bare status (a 400 whose message names a usage limit is a usage limit); within each,
 * the first catalogue cause wins.
 */
function matchCause(clues) {
    for (const tier of TIERS) {
        for (const cause of _catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .CATALOGUE */ .yh) {
            const matched = clues.filter((clue) => clueMatches(cause, clue, tier));
            if (matched.length > 0)
                return { cause, matched };
        }
    }
    return undefined;
}
/**
 * The cause shown by the latest of the clues that show one, tier by tier: when lines show several
 * errors, the last ended the run, unless an earlier one says by its words what a later one only says
 * by its status.
 */
function matchLatest(clues) {
    for (const tier of TIERS) {
        for (let i = clues.length - 1; i >= 0; i--) {
            const cause = _catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .CATALOGUE */ .yh.find((candidate) => clueMatches(candidate, clues[i], tier));
            if (cause)
                return { cause, matched: clues.filter((clue) => clueMatches(cause, clue, tier)) };
        }
    }
    return undefined;
}
/** The cause of the last clue that shows one: the last in-run retry says most. */
function matchLast(clues) {
    for (let i = clues.length - 1; i >= 0; i--) {
        const match = matchCause([clues[i]]);
        if (match)
            return match;
    }
    return undefined;
}
/** The cause whose `afterOthers` words the latest clue shows: for when no clue names a cause otherwise. */
function matchAfterOthers(clues) {
    for (let i = clues.length - 1; i >= 0; i--) {
        const text = clues[i].text ?? '';
        const cause = _catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .CATALOGUE */ .yh.find((candidate) => candidate.recognise.afterOthers?.some((pattern) => pattern.test(text)));
        if (cause)
            return { cause, matched: [clues[i]] };
    }
    return undefined;
}
/** A cause that names the matched one more precisely, from the words of any clue (see `refines`). */
function refine(match, clues) {
    for (const cause of _catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .CATALOGUE */ .yh) {
        if (!cause.recognise.refines?.includes(match.cause.id))
            continue;
        const matched = clues.filter((clue) => clueMatches(cause, clue, 'words'));
        if (matched.length > 0)
            return { cause, matched: [...matched, ...match.matched] };
    }
    return match;
}
/** Line clues by where they were seen: structured fields, lines of output (error lines among them), prose. */
function byPlace(clues) {
    const at = (...places) => clues.filter((clue) => places.includes(clue.place ?? 'structured'));
    return { structured: at('structured'), lines: at('marker', 'output'), prose: at('prose') };
}
function describeClue(clue) {
    const parts = [
        clue.status != null ? `HTTP ${clue.status}` : undefined,
        clue.kind !== undefined ? `error ${clue.kind}` : undefined,
        clue.text,
    ].filter((part) => part !== undefined && part !== '');
    return parts.join(' · ');
}
/**
 * Clues as a person reads them, each fact once: clues with the same words (Claude Code's error message and
 * the result that repeats it) become one, with the status and kind either of them showed.
 */
function toEvidence(clues) {
    const merged = [];
    for (const clue of clues) {
        const same = clue.text ? merged.find((other) => other.text === clue.text) : undefined;
        if (!same)
            merged.push({ ...clue });
        else {
            same.status ??= clue.status;
            same.kind ??= clue.kind;
        }
    }
    return merged.map((clue) => ({ source: clue.source, text: describeClue(clue) }));
}


/***/ }),

/***/ 203:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ae: () => (/* binding */ namesCause),
/* harmony export */   aG: () => (/* binding */ kindIn),
/* harmony export */   em: () => (/* binding */ statusIn),
/* harmony export */   sT: () => (/* binding */ AttemptObserver)
/* harmony export */ });
/* unused harmony exports TEXT_WINDOW_BYTES, UNREACHABLE_RETRIES_TO_STOP, CAUSE_UNIONS, RETRY_AFTER, TEXT_RETRY, TEXT_STATUS, TEXT_KIND, CLASS_KIND */
/* harmony import */ var _claude_stream_events_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(104);
/* harmony import */ var _process_line_splitter_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(519);
/* harmony import */ var _catalogue_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(752);
/* harmony import */ var _clues_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(972);
/* harmony import */ var _text_lines_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(816);
/* harmony import */ var _reset_time_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(990);
/* harmony import */ var _text_signs_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(17);
// Collects what one attempt shows, line by line, into bounded data for the classifier: stream-json
// events, the lines that look like errors, and the last lines of output. Memory stays bounded however
// much the child prints. Pure: no I/O.







const TAIL_LINES = 40;
/**
 * A text output's lines are read when the observation is, from the last this many bytes: a command's
 * error is at its end, and the patterns then cost nothing while a chatty command runs.
 */
const TEXT_WINDOW_BYTES = 1024 * 1024;
const MAX_CLUES = 20;
const MAX_RETRIES_KEPT = 20;
/** In-run retries that never reached the API, after a preflight that could not connect either. */
const UNREACHABLE_RETRIES_TO_STOP = 1;
const CATALOGUE_PATTERNS = _catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .CATALOGUE */ .yh.flatMap((cause) => [
    ...(cause.recognise.patterns ?? []),
    ...(cause.recognise.afterOthers ?? []),
]);
// One pass over a line per set of flags decides whether the catalogue's patterns need to run at all: a union
// of the patterns that share their flags costs far less on a short line than trying them one by one.
const patternsByFlags = new Map();
for (const pattern of CATALOGUE_PATTERNS) {
    const flags = pattern.flags.replace(/[gy]/g, '');
    const group = patternsByFlags.get(flags);
    if (group)
        group.push(pattern);
    else
        patternsByFlags.set(flags, [pattern]);
}
const CAUSE_UNIONS = [...patternsByFlags].map(([flags, patterns]) => new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'), flags));
/** Whether any of the catalogue's patterns matches a line: the check before a line becomes a clue. */
const namesCause = (line) => CAUSE_UNIONS.some((union) => union.test(line));
const RETRY_AFTER = /retry[- ]after[": ]{1,3}(\d{1,6})/i;
const TEXT_RETRY = /· Retrying in \d{1,5} seconds?/;
// An HTTP error status written in a line: `API Error: 401`, `API Error (503 …`, `failed with status 403`, httpx's `Server error '529 '`,
// a body printed after its status (`401 {"type":"error"…`), `"status": 429`, `429 Too Many Requests`, `a 500 error`,
// a proxy's answer for the server behind it (`503 upstream connect error`), and in Chinese, Japanese and Korean
// (`调用时返回 404`, `一直429`, `报 429 错误`, `500エラー`).
const TEXT_STATUS = /(?:API Error:? ?\(?|(?:Server|Client) error '|failed with status |status(?: code)?[:=]? ?|\b(?:status_?code|statusCode|http_?status|httpStatus)["']?\s{0,2}[:=]\s{0,2}["']?|"(?:api_error_)?status": ?|\bError(?: code)?:? |\bHTTP\/?[\d.]{0,3} |\((?=[45]\d\d\))|"code": ?|(?:返回了?|报错?|報錯?|收到|が返|一直)\s{0,2}(?:HTTP\s{0,2}|状态码\s{0,2}|)(?=[45]\d\d\b)|\b(?:returned|returns|responded|responds|answered|got|gets?|getting|received|response code)(?: with|)(?: an| a|)(?: HTTP| status| error|) (?=[45]\d\d(?:[\s,.:;)!]|$)(?! (?:files?|lines?|items?|tokens?|bytes?|times?|results?|rows?|messages?|characters?|words?)\b)))([45]\d\d)\b|(?:^|\s)([45]\d\d) ?\{|\b([45]\d\d)(?:[ -](?:errors?|responses?)\b|\s{0,2}(?:错误|錯誤|エラー|에러|오류))|\b([45]\d\d) (?:Overloaded|Too Many Requests|Unauthorized|Forbidden|Not Found|Payment Required|Bad Request|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out|Request Entity Too Large|Payload Too Large|Content Too Large|upstream connect error|upstream request timeout)\b/i;
/** The HTTP status a line shows, if any. */
function statusIn(text) {
    const match = TEXT_STATUS.exec(text);
    return match ? Number(match[1] ?? match[2] ?? match[3] ?? match[4]) : undefined;
}
// The API's own error types, written in a line (`"type":"rate_limit_error"`, `overloaded_error · Overloaded`),
// and every kind of the catalogue's that is an identifier (`org_disabled_credential`), not a plain word.
const IDENTIFIER_KINDS = _catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .CATALOGUE */ .yh.flatMap((cause) => cause.recognise.errorKinds ?? []).filter((kind) => kind.includes('_'));
const TEXT_KIND = new RegExp(`\\b(invalid_request_error|authentication_error|permission_error|not_found_error|request_too_large|rate_limit_error|api_error|overloaded_error|billing_error|${IDENTIFIER_KINDS.join('|')})\\b|\\berror"?:\\s{0,2}"?(invalid_request|rate_limit|authentication_failed|billing_error)\\b`, 'i');
// The classes the SDKs raise for the API's errors (`anthropic.RateLimitError`, `litellm.BadRequestError`).
const CLASS_KINDS = _catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .CATALOGUE */ .yh.flatMap((cause) => cause.recognise.errorKinds ?? []).filter((kind) => /^[A-Z]\w{2,40}Error$/.test(kind));
const CLASS_KIND = new RegExp(`\\b(${CLASS_KINDS.join('|')})\\b`);
/**
 * The error kind a line names: the API's error type, or Claude Code's own name after `error:`, else the
 * class an SDK raised (the type is the more precise: the Python SDK raises a 529 as InternalServerError).
 */
function kindIn(text) {
    const match = TEXT_KIND.exec(text);
    // A person may capitalise the type they copy (`Rate_limit_error`); the catalogue knows it in lower case.
    return match ? (match[1] ?? match[2]).toLowerCase() : CLASS_KIND.exec(text)?.[1];
}
// A web server's access log line (`"GET /api/x HTTP/1.1" 500`, a router's `method=POST path="/api/x" … status=500`):
// its status is that server's answer to its own client, and says something of the API only for the API's own paths.
const ACCESS_LOG = /"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S{1,400}) HTTP\/[\d.]{1,3}"|\bmethod=(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) path="?([^"\s]{1,400})/;
/** A status Claude Code gave as a field, else as its message shows it (`API Error: 401 {…}`). */
function statusOf(field, text) {
    const status = field ?? statusIn(text);
    return status === undefined ? {} : { status };
}
function pushBounded(list, item, max) {
    list.push(item);
    if (list.length > max)
        list.shift();
}
class AttemptObserver {
    options;
    seen;
    /** The last line was an in-run retry: Claude Code's, as its terminal shows them, or any client's. */
    inRetry = false;
    /** The last line showed a failure, a cause's clue or a retry. */
    troubled = false;
    /** The last in-run retries were all for a 429: how many. */
    rateLimitedInARow = 0;
    /** Blocks of text lines not read yet, as they came, bounded by TEXT_WINDOW_BYTES for each stream. */
    unread = [];
    unreadBytes = { stdout: 0, stderr: 0 };
    constructor(format, options = {}) {
        this.options = options;
        this.seen = {
            format,
            replies: 0,
            apiRetries: [],
            apiRetryCount: 0,
            apiRetryDelayMs: 0,
            apiRetryStatuses: [],
            resultClues: [],
            retryClues: [],
            lineClues: [],
            failureLines: [],
            tail: [],
        };
    }
    /** What the attempt has shown so far. */
    get observation() {
        this.readUnread();
        return this.seen;
    }
    /** Set once an in-run retry showed a cause no retry inside this run can fix; cheap to ask after each line. */
    get earlyStop() {
        return this.seen.earlyStop;
    }
    /**
     * Takes one line of the child's output (already redacted); returns the event it carried, if any. A
     * saved text says what it knows of the line in `hint`.
     */
    addLine(stream, rawLine, hint) {
        const event = this.seen.format === 'stream-json' && stream === 'stdout' ? (0,_claude_stream_events_js__WEBPACK_IMPORTED_MODULE_3__/* .parseStreamLine */ .KD)(rawLine) : undefined;
        if (event) {
            this.addEvent(event);
            return event;
        }
        this.readUnread();
        this.readTextLine(stream, rawLine, hint);
        return undefined;
    }
    /**
     * Takes whole lines of a text output (already redacted), each ending in `\n`. They are read when the
     * observation is, and only the last TEXT_WINDOW_BYTES of each stream (a short stderr is never pushed
     * out by a chatty stdout).
     */
    addText(stream, lines) {
        this.unread.push({ stream, lines });
        this.unreadBytes[stream] += lines.length;
        for (;;) {
            const oldest = this.unread.findIndex((block) => block.stream === stream);
            const size = this.unread[oldest].lines.length;
            if (this.unreadBytes[stream] - size < TEXT_WINDOW_BYTES)
                break;
            this.unread.splice(oldest, 1);
            this.unreadBytes[stream] -= size;
        }
    }
    readUnread() {
        const blocks = this.unread;
        if (blocks.length === 0)
            return;
        this.unread = [];
        this.unreadBytes.stdout = 0;
        this.unreadBytes.stderr = 0;
        for (const block of blocks)
            for (const line of (0,_process_line_splitter_js__WEBPACK_IMPORTED_MODULE_4__/* .textLines */ .Fy)(block.lines))
                this.readTextLine(block.stream, line);
    }
    readTextLine(stream, rawLine, hint) {
        const line = (0,_text_lines_js__WEBPACK_IMPORTED_MODULE_5__/* .clip */ .$Q)((0,_text_lines_js__WEBPACK_IMPORTED_MODULE_5__/* .readable */ .HD)(rawLine));
        pushBounded(this.seen.tail, line, TAIL_LINES);
        // Words are matched with runs of spaces closed up (a terminal pads where it wraps); the line's own
        // shape (its indent, a stack frame) is read from it as it stands.
        const trimmed = line.trim().replace(/\s{2,}/g, ' ');
        if (trimmed === '' || (0,_text_signs_js__WEBPACK_IMPORTED_MODULE_2__/* .isInert */ .ND)(line)) {
            this.inRetry = false;
            this.troubled = false;
            return;
        }
        const status = statusIn(trimmed);
        // Claude Code's terminal shows its in-run retries as `API Error (…) · Retrying in 4 seconds… (attempt 2/10)`,
        // with details indented below; like the stream's api_retry events, they weigh less than the final error.
        const quoted = hint === 'quoted' || hint === 'prose';
        const retry = !quoted && (TEXT_RETRY.test(line) || (0,_text_signs_js__WEBPACK_IMPORTED_MODULE_2__/* .retrySign */ .ox)(line) || (this.inRetry && /^\s{4,}⎿/.test(line)));
        this.inRetry = retry;
        this.troubled = retry;
        const prose = hint === undefined ? (0,_text_signs_js__WEBPACK_IMPORTED_MODULE_2__/* .isProse */ .y6)(line) : hint === 'prose';
        const sign = !retry && !prose && (0,_text_signs_js__WEBPACK_IMPORTED_MODULE_2__/* .failureSign */ .Wq)(line);
        const source = this.options.lineSource ?? (this.seen.format === 'text' ? 'output' : stream);
        if (sign)
            this.addFailureLine({ source, text: trimmed, place: 'marker' });
        if (sign)
            this.troubled = true;
        const kind = kindIn(trimmed);
        const access = ACCESS_LOG.exec(trimmed);
        const aboutApi = access === null || /\/v1\/|\/model\//.test(access[1] ?? access[2]);
        // A line that says it did no harm names no cause of the run's end.
        if (aboutApi && !(0,_text_signs_js__WEBPACK_IMPORTED_MODULE_2__/* .saysHarmless */ .aJ)(trimmed) && (status !== undefined || kind || namesCause(trimmed))) {
            const origin = this.whoAnswered(line);
            const clue = {
                source,
                ...(status === undefined ? {} : { status }),
                ...(kind ? { kind } : {}),
                text: trimmed,
                place: sign ? 'marker' : prose || quoted ? 'prose' : 'output',
                ...origin,
            };
            if (retry)
                this.addRetryClue(clue);
            else
                this.addClue(clue);
            if (!quoted && !prose)
                this.troubled = true;
        }
        const retryAfter = RETRY_AFTER.exec(line);
        if (retryAfter)
            this.seen.retryAfterMs = Number(retryAfter[1]) * 1000;
    }
    /** Who answered, as the text says, else as the run's options say. */
    whoAnswered(text) {
        const origin = (0,_text_signs_js__WEBPACK_IMPORTED_MODULE_2__/* .originOf */ .yv)(text) ?? this.options.origin;
        return origin ? { origin } : {};
    }
    /** Keeps the first line that showed a failure and the last. */
    addFailureLine(line) {
        const lines = this.seen.failureLines;
        if (lines.length < 2)
            lines.push(line);
        else
            lines[1] = line;
    }
    /** Whether the last line was one of Claude Code's in-run retries (or a detail of one). */
    get lastLineWasRetry() {
        return this.inRetry;
    }
    /** Whether the last line showed a failure, a cause's clue or a retry, outside prose. */
    get lastLineWasTrouble() {
        return this.troubled;
    }
    /**
     * A clue found outside the lines (a saved log's error body, a phrase wrapped over lines), placed among
     * the line clues at `at` (by default last) so that their order stays the order the text had.
     */
    addClue(clue, at) {
        const clues = this.seen.lineClues;
        clues.splice(at ?? clues.length, 0, clue);
        if (clues.length > MAX_CLUES)
            clues.shift();
    }
    /** A clue an in-run retry showed (an error body in a retry notice): it weighs as the retry does. */
    addRetryClue(clue) {
        pushBounded(this.seen.retryClues, clue, MAX_CLUES);
    }
    addEvent(event) {
        const o = this.seen;
        switch (event.kind) {
            case 'init':
                o.init = event;
                o.sessionId = event.sessionId ?? o.sessionId;
                break;
            case 'assistant':
                o.sessionId = event.sessionId ?? o.sessionId;
                if (event.error === undefined)
                    o.replies += 1;
                else {
                    pushBounded(o.resultClues, {
                        source: 'assistant',
                        // The most precise name there is: Claude Code's own `error` is coarse (401 and 403 alike).
                        kind: event.apiErrorKind ?? kindIn(event.texts.join(' ')) ?? event.error,
                        ...statusOf(event.apiErrorStatus, event.texts.join(' ')),
                        text: (0,_text_lines_js__WEBPACK_IMPORTED_MODULE_5__/* .clip */ .$Q)(event.texts.join(' ')),
                        ...this.whoAnswered(event.texts.join(' ')),
                    }, MAX_CLUES);
                    if (event.resetsAt !== undefined)
                        o.resetsAt = (0,_reset_time_js__WEBPACK_IMPORTED_MODULE_6__/* .epochToIso */ .k)(event.resetsAt);
                }
                for (const text of event.texts)
                    pushBounded(o.tail, (0,_text_lines_js__WEBPACK_IMPORTED_MODULE_5__/* .clip */ .$Q)((0,_text_lines_js__WEBPACK_IMPORTED_MODULE_5__/* .readable */ .HD)(text)), TAIL_LINES);
                break;
            case 'api_retry':
                this.addRetry(event);
                break;
            case 'result':
                o.result = event;
                o.sessionId = event.sessionId ?? o.sessionId;
                if (event.isError) {
                    const kind = event.apiErrorKind ?? kindIn(event.result ?? '');
                    o.resultClues.push({
                        source: 'result',
                        status: event.apiErrorStatus ?? statusIn(event.result ?? '') ?? null,
                        ...(kind === undefined ? {} : { kind }),
                        text: (0,_text_lines_js__WEBPACK_IMPORTED_MODULE_5__/* .clip */ .$Q)(event.result ?? event.subtype ?? ''),
                        ...this.whoAnswered(event.result ?? ''),
                    });
                }
                break;
            case 'rate_limit':
                o.rateLimit = event;
                // Only a refusal is a clue; a warning that the limit is near is not.
                if (event.status === 'rejected') {
                    const resets = event.resetsAt === undefined ? undefined : (0,_reset_time_js__WEBPACK_IMPORTED_MODULE_6__/* .epochToIso */ .k)(event.resetsAt);
                    if (resets)
                        o.resetsAt = resets;
                    pushBounded(o.resultClues, {
                        source: 'rate_limit',
                        kind: 'usage_limit',
                        text: `subscription ${(0,_claude_stream_events_js__WEBPACK_IMPORTED_MODULE_3__/* .windowName */ .qN)(event.limitType)} limit reached${event.utilization === undefined ? '' : ` (${Math.round(event.utilization * 100)}% used)`}${resets ? `; resets ${resets}` : ''}`,
                    }, MAX_CLUES);
                }
                break;
            case 'tool_result':
                break;
        }
    }
    addRetry(event) {
        const o = this.seen;
        o.apiRetryCount += 1;
        o.apiRetryDelayMs += event.retryDelayMs ?? 0;
        if (!o.apiRetryStatuses.includes(event.errorStatus))
            o.apiRetryStatuses.push(event.errorStatus);
        pushBounded(o.apiRetries, event, MAX_RETRIES_KEPT);
        const clue = {
            source: 'api_retry',
            status: event.errorStatus,
            kind: event.error,
            text: `Claude Code retry ${event.attempt ?? '?'}/${event.maxRetries ?? '?'}${event.errorStatus === null ? `: ${(0,_claude_stream_events_js__WEBPACK_IMPORTED_MODULE_3__/* .describeStatus */ .Wn)(null)}` : ''}`,
        };
        pushBounded(o.retryClues, clue, MAX_CLUES);
        this.rateLimitedInARow = event.errorStatus === 429 ? this.rateLimitedInARow + 1 : 0;
        if (o.earlyStop !== undefined)
            return;
        // Claude Code's kinds are coarse (401 and 403 are both authentication_failed): judge by status.
        const match = (0,_clues_js__WEBPACK_IMPORTED_MODULE_1__/* .matchCause */ .D$)([{ source: 'api_retry', status: event.errorStatus }]);
        if (match && (0,_catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .endsRunEarly */ .nA)(match.cause)) {
            o.earlyStop = { cause: match.cause.id, clue, why: 'its own retries cannot fix this' };
        }
        else if (match?.cause.id === 'rate-limited' &&
            this.options.rateLimitedToStop !== undefined &&
            this.rateLimitedInARow >= this.options.rateLimitedToStop) {
            const why = this.rateLimitedInARow === 1
                ? 'the limit is still taken by other jobs'
                : 'refused again at the retry-after, so other jobs share the limit';
            o.earlyStop = {
                cause: 'rate-limited',
                clue: { ...clue, text: `${clue.text}: ${why}` },
                why: 'a jittered wait spreads the jobs that share the limit',
            };
        }
        const unreachable = o.apiRetries.filter((retry) => retry.errorStatus === null).length;
        if (event.errorStatus === null && this.options.apiUnreachable && unreachable >= UNREACHABLE_RETRIES_TO_STOP) {
            o.earlyStop = {
                cause: 'network-error',
                clue: { ...clue, text: `${clue.text}; the preflight could not connect either` },
                why: 'its own retries cannot fix this',
            };
        }
    }
}


/***/ }),

/***/ 990:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ resetTimeFrom),
/* harmony export */   k: () => (/* binding */ epochToIso)
/* harmony export */ });
// When a subscription limit resets, from what the error said: an epoch (`usage limit reached|1753567200`,
// a rate_limit_event's `resetsAt`) or a clock time with its zone (`resets 3pm (Europe/Berlin)`,
// `resets Dec 5, 3pm (America/New_York)`). Pure: "now" is passed in.
const EPOCH = /(?:\||resets?(?: at)? )(\d{10})\b/i;
const CLOCK = /resets?(?: at)? (?:([A-Z][a-z]{2}) (\d{1,2}),? )?(\d{1,2})(?::(\d\d))? ?(am|pm)?\s?\(([A-Za-z_]{1,20}(?:\/[A-Za-z_+-]{1,30}){0,2}|UTC)\)/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const epochToIso = (seconds) => new Date(seconds * 1000).toISOString();
/** The wall-clock parts of `at` in `zone`, or undefined for a zone Intl does not know. */
function partsIn(zone, at) {
    try {
        const format = new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
        });
        return Object.fromEntries(format
            .formatToParts(at)
            .filter((part) => part.type !== 'literal')
            .map((part) => [part.type, Number(part.value)]));
    }
    catch {
        return undefined;
    }
}
/** The instant at which the wall clock in `zone` shows the given time, near `now`. */
function instantIn(zone, now, year, month, day, hour, minute) {
    const nowParts = partsIn(zone, now);
    if (!nowParts)
        return undefined;
    const offsetMs = Date.UTC(nowParts.year, nowParts.month - 1, nowParts.day, nowParts.hour, nowParts.minute, nowParts.second) -
        Math.floor(now.getTime() / 1000) * 1000;
    return new Date(Date.UTC(year, month - 1, day, hour, minute) - offsetMs);
}
/** ISO 8601, or undefined when the text names no reset time it can be sure of. */
function resetTimeFrom(text, now) {
    const epoch = EPOCH.exec(text);
    if (epoch)
        return epochToIso(Number(epoch[1]));
    const clock = CLOCK.exec(text);
    if (!clock)
        return undefined;
    const [, monthName, dayText, hourText, minuteText, meridiem, zone] = clock;
    let hour = Number(hourText) % 12;
    if (meridiem?.toLowerCase() === 'pm')
        hour += 12;
    if (!meridiem)
        hour = Number(hourText);
    const minute = Number(minuteText ?? 0);
    if (hour > 23 || minute > 59)
        return undefined;
    const today = partsIn(zone, now);
    if (!today)
        return undefined;
    const month = monthName ? MONTHS.indexOf(monthName.toLowerCase()) + 1 : today.month;
    if (month === 0)
        return undefined;
    const day = dayText ? Number(dayText) : today.day;
    let at = instantIn(zone, now, today.year, month, day, hour, minute);
    // A time with no date that has passed today is tomorrow's; a date that has passed this year is next year's.
    if (at && at.getTime() < now.getTime() - 60_000) {
        at = dayText ? instantIn(zone, now, today.year + 1, month, day, hour, minute) : new Date(at.getTime() + 24 * 3600_000);
    }
    return at?.toISOString();
}


/***/ }),

/***/ 17:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   IE: () => (/* binding */ REPRODUCTION_HEADING),
/* harmony export */   Lg: () => (/* binding */ writerReportsOwnFailure),
/* harmony export */   Mr: () => (/* binding */ ADVICE_HEAD),
/* harmony export */   ND: () => (/* binding */ isInert),
/* harmony export */   OR: () => (/* binding */ endsOnCjkReport),
/* harmony export */   P9: () => (/* binding */ saysWhatRunDid),
/* harmony export */   QN: () => (/* binding */ EXPECTED_HEADING),
/* harmony export */   TV: () => (/* binding */ ANY_TABLE_ROW),
/* harmony export */   WT: () => (/* binding */ reportsFailure),
/* harmony export */   Wq: () => (/* binding */ failureSign),
/* harmony export */   _c: () => (/* binding */ sentenceRow),
/* harmony export */   aJ: () => (/* binding */ saysHarmless),
/* harmony export */   d4: () => (/* binding */ SECTION_HEADING),
/* harmony export */   eD: () => (/* binding */ documentKind),
/* harmony export */   i8: () => (/* binding */ WHAT_HAPPENED_HEADING),
/* harmony export */   jL: () => (/* binding */ talksOfChange),
/* harmony export */   n5: () => (/* binding */ BUG_REPORT_HEADING),
/* harmony export */   ox: () => (/* binding */ retrySign),
/* harmony export */   pX: () => (/* binding */ standsAlone),
/* harmony export */   u5: () => (/* binding */ speaksOfOwnRun),
/* harmony export */   ui: () => (/* binding */ SUCCESS_SIGN),
/* harmony export */   wK: () => (/* binding */ RESUMED),
/* harmony export */   y6: () => (/* binding */ isProse),
/* harmony export */   yv: () => (/* binding */ originOf)
/* harmony export */ });
/* unused harmony exports FAILURE_SIGNS, RETRY_SIGN, GAVE_UP, INERT_LINES, CHANGE_MARKERS */
// How a line of text reads, before any cause is looked for: a sign that a run failed (an error marker,
// an exit status, a signal, a stack frame, an error flag in JSON), a sentence of prose that only talks
// about errors, or plain output; whether a whole text is a log or a document about a change; and who
// answered when a line shows a status. Structure first, wording second: none of these rules names a
// cause. Pure. Every pattern runs in linear time (bounded quantifiers only; a test checks the shapes).
/**
 * Signs that a run failed, wherever they stand in a line: markers after a timestamp or level, error
 * words and error class names, exit statuses, signals, stack frames of any runtime, an error flag in
 * JSON, a wrapper's own kill or failure.
 */
const FAILURE_SIGNS = [
    // Log levels, as a word of their own, a tag, a field or an emoji.
    /(?:^|[\s[(|:])(?:ERROR|FATAL|CRITICAL|PANIC|ERR!)(?:[\]):|\s]|$)/,
    /\[\s{0,2}(?:error|err|fatal|critical|crit|fail|failed|failure)\s{0,4}\]/i,
    /\b(?:level|severity|lvl)"?\s{0,2}[=:]\s{0,2}"?(?:error|fatal|critical|err)\b/i,
    /(?:❌|✖|✗|✘|🔴|⛔|🚨|💥|🛑|❗)/u,
    // Error words at the start of a line, after a prompt, a glyph or a bullet.
    /^[\s>⎿⏺●•*|·\-–—"'`]{0,8}(?:[\w.]{0,60}(?:Error|Exception)|error|fatal|Fatal|panic|Panic|Uncaught|Unhandled|Failed|FAILED|failed|Failure|FAILURE)\b/,
    // An error of one kind named at the start of a line with what follows: `Internal error: {`, `Stream error: …`.
    /^[\s>⎿⏺●•*|·\-–—"'`]{0,8}[A-Z][a-z]{2,14} error:/,
    // An error class named with its message: `RateLimitError: …`, `BedrockException - {…`, `APIConnectionError(`.
    /\b[A-Z][A-Za-z]{0,40}(?:Error|Exception)(?::|\s[-–—]\s|\(|\))/,
    /\bAn? (?:error|exception|unexpected error) (?:occurred|has occurred|was thrown)\b/i,
    /\b(?:Received|Got|Returned|Encountered) an? (?:error|exception|unexpected error)\b(?: (?:from|response|while)\b)/i,
    // A step or a check that failed, said in two words on a line of its own: `Verification failed`.
    /^\s{0,8}[A-Z][\w -]{1,40} failed[.!]?\s{0,4}$/,
    // A wrapper that could not read what Claude Code gave it.
    /\b(?:returned|gave|produced|emitted|got) (?:unparseable|unparsable|malformed|invalid|no|an empty) (?:output|JSON|response|result)\b/i,
    // A program the shell or a runtime could not find.
    /\bcommand not found\b|\bnot found in \$?PATH\b/i,
    /\bAPI ?Error\b/i,
    // A line that announces the errors below it: `Environment variable validation failed:`.
    /\b(?:failed|errors?)\s{0,2}:\s{0,4}$/i,
    /\bUnhandled(?: promise)? ?rejection|\buncaughtException\b/i,
    // Exit statuses other than 0.
    /\bexit(?:s|ed|ing)?\b.{0,24}\b(?:code|status)\b\s{0,3}[:=]?\s{0,3}\(?-?[1-9]\d{0,9}\b/i,
    /\bexit(?:s|ed)?(?: with)? {1,3}-?[1-9]\d{0,9}\b/i,
    /\bexit(?:_?code|Code|)=-?[1-9]\d{0,9}\b/,
    /\bnon-?zero exit\b/i,
    /\bfailed with (?:exit )?(?:code|status)\b/i,
    /\$\?\s{0,3}(?:=|is|:)\s{0,3}[1-9]/,
    // Death by a signal.
    /\b(?:SIGKILL|SIGABRT|SIGSEGV|SIGTERM|SIGBUS|SIGILL|SIGFPE|SIGQUIT|SIGHUP)\b/,
    /\bSegmentation fault\b|\bcore dumped\b|\bOOMKilled\b|\bOut of memory: Kill|\boom-kill\b|\bkilled by signal\b|\bterminated by signal\b/i,
    /^\s{0,4}Killed\b/,
    // Stack frames: JavaScript, Python, Go, Rust, the JVM.
    /^\s{1,16}at (?:async )?\S{1,200} \(.{1,400}:\d{1,7}[\d:]{0,8}\)\s{0,2}$/,
    /^\s{1,16}at (?:file:|node:|\/|[A-Za-z]:\\).{1,400}:\d{1,7}:\d{1,7}\s{0,2}$/,
    /^\s{0,8}File ".{1,400}", line \d{1,7}/,
    /\bTraceback \(most recent call last\)/,
    /^goroutine \d{1,7} \[/,
    /\bthread '.{0,80}' panicked at\b|^stack backtrace:/,
    // An error flag inside JSON, however the JSON was printed, and a result whose subtype names an error.
    /"?is_error"?\s{0,3}[:=]\s{0,3}(?:true|True)\b/,
    /\bsubtype["']?\s{0,3}[:=]\s{0,3}["']?error_[a-z_]{2,40}/,
    // A wrapper that gave up on the run.
    /\b(?:agent|worker|subprocess|child process|process|session|review|run|job|task|build|step|claude|Claude Code)\b.{0,30}\b(?<!\b(?:not|never) )(?:failed|killed|crash(?:es|ed)|died|terminated|aborted)\b/i,
    // An error named in the middle of a line (`CLI failed: Error: …`, `[x] error: …`).
    /[\s:|\]>]Error: \S|\bfailed: \S/,
    // A program that gave up or stopped of itself: `giving up after 3 attempts`, `exited unexpectedly`.
    /\b(?:giving up|gave up|aborting|bailing out)\b|\b(?:exited|terminated|quit|died|closed|stopped) unexpectedly\b|\bunexpectedly (?:exited|terminated|quit|died|closed|stopped)\b/i,
    /^[\s>⎿⏺●•*|·\-–—"'`]{0,8}(?:Unable to|Could not|Couldn't) \w/,
    /\b(?:killed|failed|terminated|aborted|crashed) after \d[\d.]{0,9} ?(?:ms|s|sec|secs|seconds?|m|min|minutes?|h|hours?|attempts?|retries|tries)\b/i,
    /\b(?:ENOENT|EACCES|EPERM|EROFS|ENOSPC)\b/,
    // The bare words Claude Code and its wrappers end a failed run with.
    /\bExecution error\b/i,
    /\b(?:received|got|caught) (?:signal )?(?:SIG)?(?:TERM|KILL|INT|HUP|ABRT|SEGV)\b/,
    // The word for a failure in Chinese, Japanese and Korean, and for an error or a crash in other languages.
    /(?:失败|错误|エラー|失敗|실패|오류)/,
    /\b(?:erreur|plantage|se plante|plante|Fehler|fehlgeschlagen|abgestürzt|stürzt ab|falló|se cuelga|se bloquea)\b|(?:ошибка|Ошибка|сбой|вылетает|падает)/,
    // A runtime's own crash, in its usual words, with or without the error's name before it.
    /Cannot read propert(?:y|ies) of (?:undefined|null)|is not a function\b|Maximum call stack size exceeded|heap out of memory|Unexpected end of JSON input|Unexpected token .{1,20} in JSON/,
];
/**
 * An error line that says itself it did no harm (`Error: NON-FATAL: lock acquisition failed`) or is over
 * (`529 errors today - seems to be resolved now`), or that a side channel failed: telemetry that could not
 * be sent does not stop a run.
 */
const HARMLESS = /\b(?:seems|appears) to be (?:resolved|fixed|working)\b|\b(?:resolved|fixed) now\b|\b(?:works|working) again\b|\bnon-?fatal\b|\b(?:harmless|safe to ignore|can (?:be )?safely (?:be )?ignored)\b|\b(?:telemetry|event logging|analytics|metrics)\b.{0,40}\bfailed to (?:export|send|upload|flush|report)\b/i;
const saysHarmless = (line) => HARMLESS.test(line);
const failureSign = (line) => FAILURE_SIGNS.some((sign) => sign.test(line)) && !saysHarmless(line);
/**
 * A retry a program announces, as any client or wrapper words it (`retrying in 2s`, `(attempt 2/5)`),
 * unless it says in the same breath that it gave up.
 */
const retrySign = (line) => RETRY_SIGN.test(line) && !GAVE_UP.test(line);
const RETRY_SIGN = /\bretrying\b|\bwill retry\b|\b(?:falling|fell) back to\b|\bretry(?:ing)? (?:in|after) \d|[([](?:attempt|retry|try) \d{1,3} ?(?:\/|of) ?\d{1,3}[)\]]/i;
const GAVE_UP = /\b(?:giving up|gave up|exhausted|no more retries|max(?:imum)? retries|failed after)\b/i;
/**
 * A line that says a run ended well: after it, the errors above were ones the run recovered from. Only
 * wordings of a finished whole (a success result, an exit status of 0, everything passed), not of a step.
 */
const SUCCESS_SIGN = /\b(?:succeeded|successfully|all done|all (?:tests|checks) passed)\b|\b200 OK\b|\bexit(?:ed)? (?:with )?(?:code|status)[:= ]{1,3}0\b|\bexit 0\b|"subtype": ?"success"|\bsubtype='success'|\bResult: success\b|^\s{0,8}(?:✅|✓|✔)|^[\d\s:.,TZ[\]/-]{0,40}(?:INFO|info|)[\s:\]]{0,4}(?:\[[\w .:-]{1,30}\]|)[^\w\s]{0,12}\s{0,2}(?:Done|Finished|Completed)\b/i;
/** A new step of Claude Code's transcript (`● Let me look…`, `⏺ Bash(…)`): after a retry, the run went on. */
const RESUMED = /^\s{0,2}[●⏺] \S/;
/**
 * A line that is not output, whatever errors it names: source code (a diff's or a traceback's line, a
 * statement), a GitHub workflow's settings, or a check that passed (`✓ returns 403 when…`).
 */
const isInert = (line) => INERT_LINES.some((pattern) => pattern.test(line));
const CODE = /^\s{0,16}[+-]?\s{0,16}(?:const|let|var|function|return|if|else|elif|import|export|def|class|throw|raise|catch|except|try|async|await|case|switch)\b.{0,400}(?:[;{}),:]|\/\/.{0,200}|#.{0,200})\s{0,4}$/;
/** A workflow's own keys, with their values and comments; a job log's echo of an empty secret is not one of them. */
const WORKFLOW_SETTING = /^\s{0,16}-?\s{0,4}(?:runs-on|uses|with|steps|permissions|jobs|timeout-minutes|id-token|contents|pull-requests|concurrency|cancel-in-progress|continue-on-error|working-directory|if):(?:\s.{0,400}|)$/;
const PASSED = /^\s{0,12}(?:✓|✔|√|PASS\s)/;
/** A table row that links into a document (`| \`Invalid API key\` | [Authentication](#invalid-api-key) |`): a reference, not a record. */
const LINKING_ROW = /^\s{0,3}\|.{0,2000}\]\((?:#|https?:\/\/)[^)\s]{0,400}\).{0,2000}\|\s{0,3}$/;
/** A comment in source code, as a diff shows it too (`+ // retry on a 529`). */
const SOURCE_COMMENT = /^\s{0,16}(?:[+-]\s{0,16}|)(?:\/\/|\/\*)|^[+-]\s{0,16}#\s/;
/**
 * A shell script's own lines: a whole line that sets a variable to a quoted value (`PROMPT="Tests failed: …"`;
 * not a log's `error="…" detail="…"` fields), and a loop or a test that opens a block.
 */
const SHELL_SOURCE = /^\s{0,16}(?:(?:export|local|readonly)\s{1,4}|)[A-Z_][A-Z\d_]{0,40}=(?:"[^"\n]{0,2000}"|'[^'\n]{0,2000}'|\$\([^\n]{0,2000}\))\s{0,4}$|^\s{0,16}(?:while|until|for|if) .{1,200}; ?(?:do|then)\s{0,4}$/;
const INERT_LINES = [CODE, WORKFLOW_SETTING, PASSED, SOURCE_COMMENT, LINKING_ROW, SHELL_SOURCE];
const BULLET = /^\s{0,8}(?:[-*+•]|\d{1,3}[.)])\s{1,4}(?:\[[ xX]\]\s{1,4})?/;
const HEADING = /^\s{0,3}#{1,6}\s/;
/** A quote marker or a prompt before pasted text (`> Error: …`). */
const QUOTE = /^\s{0,8}>\s{1,4}/;
/** A bullet that holds a field and its value (`- Platform: darwin`), as the `/bug` report prints them. */
const FIELD = /^[\w ./-]{1,32}:\s{0,3}(?:\S{0,80}|`[^`]{0,300}`|"[^"]{0,300}")$/;
/** What a log line has and a sentence has not. */
const LOG_SYNTAX = /\d{4}-\d\d-\d\d[T ]\d\d:\d\d|\b\d\d:\d\d:\d\d\b|\{"|":\s{0,2}["{[\d]|\bat \S{1,200}:\d{1,7}:\d{1,7}|^\s{0,8}[⎿✻❯$]|\[[A-Z]{3,8}\]|\b[A-Z_]{3,40}=\S|\b(?:[Ee]rror|ERROR|[Ff]atal|FATAL|[Ww]arning|WARN|WARNING): \S/;
/** An error word that opens a line: such a line is the error, not a sentence about one. */
const OPENS_AS_ERROR = /^[\s>⎿⏺●•|·"'`]{0,8}(?:[\w.]{0,60}(?:Error|Exception)|API Error|An? (?:error|exception) (?:has )?occurred|error|ERROR|fatal|Fatal|FATAL|CRITICAL|panic|Uncaught|Unhandled|Failed|failed|FAILED)\b/;
/**
 * What an error can do, not what it did: `a revoked key can return a 401`, `Without it, the job fails with …`,
 * `which one you're hitting` (a guide speaking to its reader).
 */
const HYPOTHETICAL = /\b(?:can|may|might) (?:\w{1,12} |)(?:produce|return|cause|result in|trigger|throw|surface|lead to|yield)\b|(?:^|[.;]\s{1,3})Without (?:it|this|that|them),|\byou(?:'re|’re| are) (?:hitting|getting|seeing|running into)\b/i;
/** Words a person writes about a change or a problem, and an error message does not. */
const DISCOURSE = /\b(?:consider|suggest|recommend|we|we're|we've|my|should|would|might|seems?|likely|probably|maybe|perhaps|so that|in order to|added|fixes|fixed|handles|handling|handled|implements|implemented|treats|treated|users|whenever|because|actually|usually|typically|generally|behaviou?r|this (?:PR|pull request|change|commit|patch|fix|issue))\b/gi;
const FIRST_PERSON = /\bI(?:'m|'ve|'d|'ll|’m|’ve|’d|’ll)?(?=\s)/g;
const ALIGNED_COLUMNS = /\S {3,60}\S.{0,400}\S {3,60}\S/;
const WORD = /^[("'“‘`*_]{0,2}[A-Za-z][a-z'’-]{0,24}[)"'”’`*_]{0,2}[,.;:!?]{0,2}$/;
const INLINE_CODE = /`[^`]{1,200}`/;
/** Words set in bold or italics inside a sentence (`these updates **do not resolve** it`): a person's Markdown. */
const EMPHASIS = /(?:^|\s)(?:\*\*|__)[A-Za-z][^*_\n]{0,80}[A-Za-z.!](?:\*\*|__)(?=[\s,.;:!?)]|$)/;
// Scripts written without spaces between words: Chinese, Japanese, Korean's syllables, and Thai.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/gu;
const CJK_ANY = new RegExp(CJK.source, 'u');
// Single quotes only around a span, so that an apostrophe (`it's`, `don't`) opens none.
const QUOTED = /`[^`]{1,400}`|"[^"]{1,400}"|“[^”]{1,400}”|(?<!\w)'[^'\n]{1,400}'(?!\w)|‘[^’]{1,400}’/g;
const INLINE_CODES = new RegExp(INLINE_CODE.source, 'g');
const wordsIn = (text) => {
    const tokens = text.trim().split(/\s{1,40}/);
    return { words: tokens.filter((token) => WORD.test(token)).length, tokens: tokens.length };
};
/**
 * A sentence of prose, as a pull request, a feature request, a changelog or a reply writes it: a
 * bullet or heading in words, or a sentence that talks about errors rather than being one.
 */
function isProse(line) {
    // Four words need a few characters: most log lines are decided here, cheaply.
    if (line.length < 7 || (!line.includes(' ') && !CJK_ANY.test(line)))
        return false;
    const quote = QUOTE.exec(line);
    const unquoted = quote ? line.slice(quote[0].length) : line;
    const bullet = BULLET.exec(unquoted);
    const body = bullet ? unquoted.slice(bullet[0].length) : unquoted;
    if (bullet && FIELD.test(body.trim()))
        return false;
    // Columns aligned with runs of spaces are a listing a program printed, not a sentence.
    if (ALIGNED_COLUMNS.test(body.trim()))
        return false;
    // What a sentence quotes in backticks may look like a log; the sentence around it does not.
    const unquotedCode = line.replace(INLINE_CODES, ' ');
    if (LOG_SYNTAX.test(unquotedCode) || (!bullet && OPENS_AS_ERROR.test(unquoted)))
        return false;
    // Chinese, Japanese, Korean and Thai are written without spaces: a sentence of their characters is prose.
    const cjk = body.match(CJK)?.length ?? 0;
    if (cjk >= 8 || ((bullet || HEADING.test(unquoted)) && cjk >= 2))
        return true;
    const { words, tokens } = wordsIn(body);
    if (words / Math.max(1, tokens) < 0.5)
        return false;
    if ((bullet || HEADING.test(unquoted)) && words >= 4)
        return !mostlyQuoted(body);
    // Code quoted inside a sentence counts only when the sentence has words of its own around it.
    const code = INLINE_CODE.test(body) && wordsIn(body.replace(INLINE_CODES, ' ')).words >= 4 ? 1 : 0;
    const markers = (line.match(DISCOURSE)?.length ?? 0) +
        (line.match(FIRST_PERSON)?.length ?? 0) +
        code +
        (HYPOTHETICAL.test(line) ? 1 : 0) +
        (EMPHASIS.test(unquotedCode) ? 1 : 0);
    // A sentence with words a person writes about a problem; an error message has none of them, however long.
    return (words >= 6 && markers >= 2) || (words >= 12 && markers >= 1);
}
const TABLE_ROW = /^\s{0,3}\|.{0,4000}\|\s{0,3}$/;
const MARKDOWN_HEADING = /^\s{0,3}#{1,6}\s{1,4}\S/;
/** A Markdown table's row or a heading: a record of its own, never a line that wrapped. */
const standsAlone = (line) => TABLE_ROW.test(line) || MARKDOWN_HEADING.test(line);
/**
 * A table's head with a column of advice or of where to read (`| Symptom | Cause | Fix |`, `| Message |
 * Section |`): its rows are a guide's, not a run's.
 */
const ADVICE_HEAD = /\|\s{0,4}(?:\*\*|)(?:Fix|Fixes|Solution|Solutions|Resolution|Workaround|Remedy|How to fix|What to do|Suggested action|Section|Meaning|What it means|Explanation|解决方法|解决方案|处理方法|含义|章节|対処法|対処|意味|セクション|해결 방법|해결책|의미|섹션|ส่วน|ความหมาย|วิธีแก้ไข)(?:\*\*|)\s{0,4}\|/i;
/** A row of a Markdown table, with or without its outer pipes (`a | b`, as GitHub also renders). */
const ANY_TABLE_ROW = new RegExp(String.raw `${TABLE_ROW.source}|^[^|]{1,2000}\S\s{0,4}\|\s{0,4}\S`);
/** A Markdown table's row with a sentence in a cell (`| … | Re-save the secret without spaces. |`), not one of data. */
const sentenceRow = (line) => TABLE_ROW.test(line) && line.split('|').some((cell) => wordsIn(cell).words >= 5);
/** A bullet that is mostly a quoted message (`1. **"… timed out after 15 minutes"** — false alarm`) lists output. */
function mostlyQuoted(body) {
    const quoted = body.match(QUOTED)?.reduce((sum, part) => sum + part.length, 0) ?? 0;
    return quoted >= 0.6 * body.trim().length;
}
/**
 * Lines that show a text is about a change or asks for one (a pull request, a changelog, a reply, a
 * feature request), not a run's output: the headings and words of a form, which a bug report's form
 * shares (`Expected behavior`), and marks only a change has (`Fixes #12`, a commit subject).
 */
const REQUEST_MARKERS = [
    // A pull request template's short headings.
    /^\s{0,3}#{1,6}\s{0,2}(?:What|Why|How)\s{0,2}$/i,
    // A request for a feature, in its usual words, or the labels of one.
    /\b(?:I(?:'d| would) like (?:to|for|it)|would be (?:great|nice|helpful|useful)|feature request)\b/i,
    // A how-to or a project's documentation, which speaks to its reader about an error they may meet.
    /\byou (?:may|might) (?:encounter|see|get|run into|hit|receive)(?: (?:the|this|an|a|one of|errors?|the following)\b|:)/i,
    // A page of a project's known issues.
    /^\s{0,3}#{1,6}\s{0,2}Known (?:issues|problems|limitations)\s{0,3}$/i,
    /\bmake it easier (?:for [\w ]{1,30} |)to (?:identify|debug|understand|tell|see|know|diagnose|find)\b|\b(?:better|clearer|more (?:helpful|informative|descriptive|actionable|specific)) error messages?\b/i,
    /^\s{0,3}\*\*(?:Preferred|Desired|Suggested|Proposed)(?: behavior| behaviour| solution| change|):?\*\*:?\s{0,3}$/i,
    // The headings of a change or a proposal, alone on their line (with or without the Markdown a copy lost).
    /^\s{0,3}(?:#{1,6}\s{0,2}|\*\*|)(?:The |Our |)(?:Solution|Fix|(?:Suggested|Proposed|Possible) (?:fix|solution)|Changes|Motivation|Rationale|Implementation|Proposed (?:Implementation|Solution|Change)|Test(?:ing)? Plan|Testing|Verification)(?: \([\w ,.-]{1,60}\)|):?(?:\*\*|)\s{0,3}$/i,
    /^\s{0,3}#{1,6}\s{0,2}(?:The |)(?:Testing|Motivation|Objective|Proposal|Answer|Tasks|Approach|Suggestions?|Problem Statement|Ziel|Vorschlag|Anforderungen|Objectif|Objetivo|Propuesta|Proposta|Alternatives(?: considered| you(?:'ve|’ve| have) considered|)|(?:Proposed|Suggested|Desired|Preferred) (?:behaviou?r|solution|fix|change|approach|direction|design)|What (?:it|this|this PR|the change) does|Why (?:this|it) matters)\b/i,
    // A reference page's sections on an error: what it looks like, its common causes, whether to retry it.
    /^\s{0,3}(?:#{1,6}\s{0,2}|\*\*|\d{1,2}[.)]\s{1,2}|)(?:What (?:the|this) error (?:looks like|means|is telling you)|What it means|Why (?:this|it) happens|What to check(?: first|)|(?:Most |)common causes|(?:Fastest|Quickest|Quick|Suggested) fix(?:es|)|(?:Not |)Retryable)(?:\*\*|):?\s{0,3}$/i,
    // Documentation's section on the errors a library raises: `## Error Handling`, `## Handling errors`.
    /^\s{0,3}#{1,6}\s{0,2}(?:Error handling|Handling errors|Errors? (?:codes|types|reference))\s{0,3}$/i,
    // A how-to's title: `How to Fix Claude Code "API Error: 401"`, not a reader's question (`How to solve this?`).
    /^\s{0,3}(?:#{1,6}\s{0,2}|)How to (?:fix|solve|resolve|troubleshoot|handle|avoid)\b(?![^\n]{0,400}\?\s{0,3}$)/i,
    // … and in a title after what it explains, capitalised as titles are: `Error 529: What It Means and How to Fix It`.
    /(?:: | and )How to (?:[Ff]ix|[Ss]olve|[Rr]esolve|[Tt]roubleshoot|[Hh]andle|[Aa]void)\b(?![^\n]{0,400}\?\s{0,3}$)/,
    // A request put to the maintainers: `Can you please update the extension?`
    /\b(?:Can|Could|Would) you (?:please |pls |)(?:update|add|support|change|make|allow|consider|expose|implement)\b/i,
    // An issue that asks for documentation, in its form's headings.
    /^\s{0,3}#{1,6}\s{0,2}(?:Documentation (?:Type|Location)|Current Documentation|Suggested (?:Improvement|Documentation))\b/i,
    // A guide's advice to its reader: `If you see "Invalid API key", …`.
    /(?:^\s{0,3}(?:>\s{0,2}|)|[.!?]\s{1,3})(?:If|When|Once|Whenever) (?:you|Claude Code|Claude|the CLI) (?:see|get|encounter|receive|hit|run into|shows?|returns?|prints?)\b/i,
    // … in Chinese and Japanese: `当你看到以下任一关键词时`, `如果您遇到`, `このエラーが表示された場合`.
    /(?:当|如果|若)(?:你|您)(?:看到|遇到|收到|碰到)|(?:が表示された|が出た|に遭遇した)場合/,
];
/**
 * Sections a pull request, a page or an issue form has, and a report in prose may share: they show a
 * text about a change only when its writer does not say the failure happened to them.
 */
const SECTION_MARKERS = [
    /^\s{0,3}(?:#{1,6}\s{0,2}|\*\*|)(?:Quick ?start|Getting started|Installation|Overview|Features|How it works)(?:\*\*|):?\s{0,3}$/i,
    // A checklist, which a pull request template and an issue form both have.
    /^\s{0,4}[-*] \[[ xX]\] |^\s{0,3}#{1,6}\s{0,2}(?:Pre-?submission |)Checklist\b/i,
    /^\s{0,3}(?:#{1,6}\s{0,2}|\*\*|)(?:The |Our |)(?:Summary|Scope|Purpose|Root Cause(?: Analysis|)|(?:Detailed |)Analysis|Discussion|Conclusion|Key takeaways|TL;DR)(?: \([\w ,.-]{1,60}\)|):?(?:\*\*|)\s{0,3}$/i,
    /^\s{0,3}#{1,6}\s{0,2}(?:The |)(?:Screenshots|Context|Related(?: issues?| PRs?|)|Background|Expected (?:behaviou?r|result)|Current behaviou?r)(?: \([\w ,.-]{1,60}\)|):?\s{0,3}$/i,
    // Root Cause in Chinese.
    /^\s{0,3}(?:#{1,6}\s{0,2}|\*\*|)(?:根因|根本原因|原因分析)(?:分析|)[:：]?(?:\*\*|)\s{0,3}$/,
];
const CHANGE_ONLY_MARKERS = [
    // A page's date line, its reading time and its lede, and a guide's account of itself (`This article lays
    // out …`, `Let me share what I learned`, `… (Usage Limit Solutions)`, `本記事では…`, `本文将…`): a report
    // has none, whatever error its title names.
    /^\s{0,3}(?:Last (?:updated|modified|edited)|Published)(?: on|:)\s{0,2}\S|^\s{0,3}Learn (?:why|how|what)\b|^\s{0,3}(?:Zuletzt |Gestern |Heute |)aktualisiert\b/i,
    // … and in German, Spanish, Portuguese, French and Italian: `Dieser Artikel erklärt …`, `Was du jetzt tun kannst`.
    /\b(?:Dieser Artikel|In diesem (?:Artikel|Beitrag|Leitfaden)|Este artículo|En este artículo|Este artigo|Neste artigo|Cet article|Dans cet article|Questo articolo|In questo articolo)\b|\bWas (?:du|Sie) (?:jetzt |)tun (?:kannst|können)\b/i,
    /(?:^|[.!?]\s{1,3})(?:This|In this) (?:article|guide|post|tutorial|walkthrough)\b|\b(?:Let me share|Here(?:'s| is)) what I(?:'ve|) (?:learned|learnt|found out)\b|\((?:[\w'’ -]{1,40} |)(?:Solutions?|Fix(?:es|)|Guide|Explained|Workarounds?)\)\s{0,3}$|\b\d{1,3}[- ](?:second|minute|min) read\b|本記事では|この記事では|本稿では|本文(?:将|介绍|提供|整理|总结|详细)|本教程|本指南/,
    // A pull request's or a changelog's own headings.
    /^\s{0,3}#{1,6}\s{0,2}(?:📔\s)?(?:The |)(?:Implemented|Changes?|What(?:'s| is)? (?:changed|added|new)|What's Added|Test(?:ing)? plan|How (?:to test|was this tested)|Relevant issues|What (?:&|and) why|Solution|Type(?: of change|\s{0,3}$)|Proposed (?:change|solution|implementation)s?|Issues? (?:addressed|fixed|resolved)|Fixed|Added|Changed|This PR contains)\b/i,
    // The same headings in Chinese: changes, the fix and how it was tested.
    /^\s{0,3}#{1,6}\s{0,2}(?:改动|变更|更改|修改(?:内容|说明)|修复(?:方案|方式|内容|说明|)|解决方案|测试(?:计划|方法|)|验证)/,
    // A sentence that says what a change does.
    // A bare "This makes …" is a report's too (`This makes Claude Code very difficult to use`).
    /^\s{0,3}This (?:(?:PR|change|commit|patch) (?:(?:is (?:supposed|meant|intended)|aims|tries|attempts) to |should |will |)(?:adds?|allows?|fix(?:es|)|removes?|makes?|changes?|updates?|introduces?|replaces?|moves?|lets?|teach(?:es|))|(?:(?:is (?:supposed|meant|intended)|aims|tries|attempts) to |should |will |)(?:adds?|allows?|fix(?:es|)|removes?|changes?|updates?|introduces?|replaces?|moves?|lets?|teach(?:es|)))\b/,
    // A change's subject line in the imperative about the errors it handles: `add RateLimitError to the retried errors`.
    /^\s{0,3}(?:add|handle|support|catch|treat|map|detect|classify|recogni[sz]e) \S.{0,120}\b(?:errors?|exceptions?|retr(?:y|ies)|retryable)\b/,
    // What the code does now that it did not: `Now matches 'credit' and 'balance is too low'.`
    /(?:^|[.;—-]\s{1,3})Now (?:matches|handles|detects|catches|recogni[sz]es|treats|retries|surfaces|maps|classifies|resolves|uses|falls back)\b/,
    // A sentence that opens with what the change does: `Removes the workflow.`, `Removing it.`; not a report's
    // workaround (`Removing it fixes the issue.`).
    /(?:^|\.\s{1,3})(?:Removes|Removing|Adds|Adding|Drops|Dropping|Bumps|Bumping|Reverts|Reverting|Pins|Pinning|Replaces|Replacing) (?:the|a|an|this|these|it|support)\b(?![^.]{0,60}\b(?:fixes|fixed|solves|solved|resolves|resolved|works around|makes it work)\b)/,
    // A patch sent by mail, and a commit subject in the Conventional Commits form, with or without its hash.
    /\[PATCH(?: v\d{1,3}|)(?: \d{1,4}\/\d{1,4}|)\] \S/,
    /^\s{0,3}(?:[0-9a-f]{7,40}:? |)(?:fix|feat|chore|docs|refactor|perf|test|build|ci|style|revert|Feat|Fix|Chore|Docs|Refactor|Perf|Revert)(?:\([\w./ -]{1,40}\)|)!?: \S/,
    // A commit subject that names the part it changes and then, in the imperative, what it does: `base-action: persist …`.
    /^\s{0,3}[a-z][\w-]{1,30}(?:\/[\w-]{1,30}|): (?:add|persist|handle|support|allow|avoid|preserve|keep|surface|expose|detect|improve|propagate|pass|skip|treat|catch|bump|remove|drop|ensure|prevent|respect|rename|move|use|make|let|teach|map|honou?r|fall back)\b/,
    // A reply that sums up the work it did.
    /\b(?:summary of (?:the |my |these |)changes|Here(?:'s| is) what (?:I|was) (?:changed|did|fixed|added|updated))\b/i,
    // A guide's entry that says how to fix an error (`• Fix: check the status page`), which a report's
    // form has no line for.
    /^\s{0,8}(?:[-*•]\s{1,4}|)(?:\*\*|)(?:Fix|Solution|How to fix)(?:\*\*|):(?:\*\*|)\s/i,
    // A maintainer's reply that explains what a reporter saw: it reports no failure of its own.
    /^\s{0,3}This (?:was|has been|is|got) (?:addressed|fixed|resolved|shipped) in\b/i,
    /\b(?:thanks?(?: you)?(?: so much)? for (?:the|your|this) (?:report|feedback|bug report)|what you(?:'re|’re| are) seeing (?:here )?is\b|\byour [\w -]{0,60}\b(?:log|logs|output|run|job)s? (?:shows?|says|indicates?|reveals?)\b|(?:this|that) is (?:the )?(?:intended|expected) behaviou?r|working as (?:intended|designed))/i,
    /\b(?:Fixes|Closes|Resolves|Addresses|Refs|Related to|Follow-up to|Part of) ?(?:(?:GitHub |)(?:issue|bug|PR) |)#\d{1,7}\b/i,
    /\bthis (?:PR|pull request|commit|patch)\b/i,
    // A changelog's version heading, alone or with its date (`## [2.1.40] - 2026-05-01`); not a title that starts with one.
    /^\s{0,3}#{1,3}\s{0,2}\[?v?\d{1,3}\.[\d.]{1,9}\]?(?:\s{1,3}(?:[-–—]\s{1,3}|)\(?\d{4}-\d{2}-\d{2}\)?|)\s{0,3}$/,
    /^\*\*Claude finished\b/,
    // A pull request bot's summary, and a tool that says what it now offers: `CCW now provides … error reporting`.
    /^\s{0,3}#{1,6}\s{0,2}Summary by CodeRabbit\b|\b(?:coderabbitai|gemini-code-assist|copilot-pull-request-reviewer|sourcery-ai|greptile-apps|cursor)\[bot\]|\b(?:[A-Z][\w-]{1,30}|[Tt]he [\w-]{1,30}) now (?:provides|offers|supports)\b/,
    // A code review of a change, by its heading, and its findings as review bots head them: `**Medium Severity**`.
    /^\s{0,3}(?:\*\*|#{1,6}\s{0,2})(?:Code )?Review(?: of|:)\s/i,
    /^\s{0,3}(?:\*\*|_|)(?:(?:Low|Medium|High|Critical) Severity|⚠️ Potential issue|🛠️ Refactor suggestion)(?:\*\*|_|)\s{0,3}$/,
    // A pull request's title in the imperative: `# Fix Claude model not found error`.
    /^\s{0,3}#\s{1,2}(?:Fix|Bump|Refactor)\s(?!(?:failed|fails|failing|error|errors)\b)\S/,
    // A guide's title, lede, sections or byline in Chinese, Japanese or Korean: `【対処法】…`, `… エラーの原因と対応`,
    // `…问题分析与解决方案`, `…认证问题解析`, `问题背景`, `作者:…`, `…500エラー完全解決ガイド`, `… 오류 총정리`, `원인과 해결법`,
    // and a Japanese note of a change made (`…を改善しました`, `…を表示するようにしました`).
    /【[^】\n]{0,12}(?:対処法|解決策|解決方法|解决方法|解决方案|教程|指南|まとめ)[^】\n]{0,12}】|原因と(?:対策|対処法?|対応|解決策?)|问题(?:解析|分析)\s{0,3}$|改善(?:しました|されました|し、)|するようにしました|^\s{0,3}(?:#{1,6}\s{0,2}|)(?:问题背景|最佳实践(?:建议|)|解决方案演进)\s{0,3}$|作者[:：]\s{0,2}\S|分析与解决(?:方案|方法|办法)|原因(?:及|与|和)解决(?:方案|方法|办法)|解決ガイド|完全ガイド|著者注|完全手册|速查表|看完本文|총정리|정리했습니다|원인과 해결(?:법|책|방법)|(?:위한|완벽|실전|실용적인|기술적인)\s[^\n]{0,30}가이드|가이드\s{0,3}$/,
    // A guide's account of what it does for its reader: `Here's how to diagnose …`, `how to tell which one …`.
    /\bHere(?:'s| is) how to (?:diagnose|fix|tell|solve|resolve|handle|avoid|troubleshoot)\b|\bhow to tell (?:which|whether|if|them apart)\b/i,
    // A pull request's own words: its heading for what it asks, a title led by a gitmoji (`# 🥅 Handle …`), a
    // small change that says so.
    /^\s{0,3}#{1,6}\s{0,2}(?:The |)Ask\s{0,3}$|^\s{0,3}#\s{1,2}(?:🥅|✨|♻️|🔧|⬆️|📝|🚑|🎨|👷|💚|🩹|➕|➖|🔊)\s{0,2}[A-Za-z]|^\s{0,3}(?:A |)(?:Simple|Small|Tiny|Minor|Quick) (?:change|fix|patch) (?:to|that|for)\b/,
    // What a feature request asks for, in bold: `**Request:** expose the …`.
    /^\s{0,3}\*\*(?:Request|Proposal):\*\*\s{1,3}(?:expose|add|support|allow|make|provide|surface|show)\b/i,
    // A newsletter's issue: `Claude Code Digest — 2026-04-07`.
    /^\s{0,3}(?:#{1,6}\s{0,2}|)[^\n]{0,60}\b(?:Digest|Newsletter|Roundup)\b[^\n]{0,40}$/,
    // A guide that tells its reader why they get an error: `Why You're Getting 529 Right Now`.
    /\bWhy you(?:'re|’re| are) (?:getting|seeing|hitting)\b/i,
    // A how-to in Spanish, Portuguese or French: `Como resolver o erro 500`, `causas comuns e como corrigi-las`.
    /^\s{0,3}(?:#{1,6}\s{0,2}|)(?:Cómo|Como|Comment) (?:solucionar|corrigir|resolver|arreglar|réparer|corriger|résoudre)\b(?![^\n]{0,400}\?\s{0,3}$)|\bcausas comun(?:e|)s\b|\bcauses (?:courantes|fréquentes)\b/i,
    // A reply that gives the reader its solution.
    /\bHere(?:'s| is) the (?:complete |full |whole |)(?:solution|fix|workaround)\b|记录一下解决(?:方案|方法|办法)|解决(?:方案|方法|办法)如下/i,
    // An issue title tagged as a request: `[Feature]: …`, `[FR] …`, `REQ: …`.
    /^\s{0,3}(?:#\s{1,2}|)(?:\[(?:Feature|Feature Request|FR|Enhancement|Proposal|RFC|Idea)\]|(?:REQ|Feature request|FR|RFE|Enhancement):\s)/i,
    // The footer Claude Code writes under the pull requests and commits it makes, and a commit's trailers.
    /Generated with \[?Claude Code\b|^\s{0,4}(?:Co-Authored-By|Signed-off-by|Reviewed-by|Acked-by|[\w-]{0,20}Generated-By): \S/i,
];
const REQUEST_OR_CHANGE_MARKERS = [...REQUEST_MARKERS, ...CHANGE_ONLY_MARKERS];
const CHANGE_MARKERS = [...REQUEST_OR_CHANGE_MARKERS, ...SECTION_MARKERS];
const HEADING_START = String.raw `^\s{0,3}(?:#{1,6}\s{0,2}|\*\*|)`;
const WHAT_HAPPENED = String.raw `Actual(?: (?:behaviou?r|results?|output))?|Observed(?: behaviou?r)?|Bug (?:description|report|behaviou?r)|Describe the bug|What happened|What happens|What(?:'s| is) (?:wrong|happening)|What went wrong|What (?:issue|problem|error|bug) (?:are|were|did) you (?:seeing|see|experiencing|experience|getting|get|facing|hitting|encountering)|Symptoms?|Error (?:messages?|output|logs?)|Errors?(?=\s{0,3}:?(?:\*\*|)\s{0,3}$)`;
// The same sections of a Chinese or Japanese form: what happened, what should have, how to reproduce it.
const CJK_WHAT_HAPPENED = '问题描述|問題描述|问题现象|实际(?:结果|行为|表现)|報錯信息|报错信息|错误信息|発生した問題|現象';
const CJK_EXPECTED = '预期(?:结果|行为)|期望(?:结果|行为)|期待される(?:動作|結果)';
const CJK_REPRODUCTION = '复现步骤|重现步骤|復現步驟|再現手順';
/** A bug report's own headings: its form's headings are no sign of a change. */
const BUG_REPORT_HEADING = new RegExp(`${HEADING_START}(?:(?:Steps to reproduce|Reproduction|${WHAT_HAPPENED})\\b|${CJK_WHAT_HAPPENED}|${CJK_REPRODUCTION})`, 'i');
/** An issue's title that calls it a bug: `[BUG] …`, `bug: …`, `(bug) …`. */
const BUG_TITLE = /^\s{0,3}(?:#\s{1,2}|)(?:\[bug\]|\(bug\)|bug:)\s{0,3}\S/i;
/** The sections of a bug report that say what happened: their sentences report the failure. */
const WHAT_HAPPENED_HEADING = new RegExp(`${HEADING_START}(?:(?:${WHAT_HAPPENED})\\b|${CJK_WHAT_HAPPENED})`, 'i');
/** The sections of a bug report that say what should happen, not what did. */
const EXPECTED_HEADING = new RegExp(`${HEADING_START}(?:(?:Expected (?:behaviou?r|result|output)|Desired behaviou?r|What should (?:happen|have happened))\\b|${CJK_EXPECTED})`, 'i');
/** A bug report's steps: how to make it happen, and, in the step that says so, what happened. */
const REPRODUCTION_HEADING = new RegExp(`${HEADING_START}(?:(?:Steps to reproduce|Reproduction(?: steps)?)\\b|${CJK_REPRODUCTION})`, 'i');
/** Any heading, which ends such a section: a Markdown heading or a line in bold alone. */
const SECTION_HEADING = /^\s{0,3}(?:#{1,6}\s|\*\*[^*]{1,60}\*\*:?\s{0,3}$)/;
/** Lines only a GitHub Actions job log has: a step's `Run` and `shell:` lines, the runner's markers. */
const JOB_LOG = /^\s{0,12}(?:shell: \/|##\[(?:error|group|endgroup)\]|::(?:error|group)::|Error: Process completed with exit code \d)/;
const REPORTS = /\b(?:returns?|returned|got|gets?|getting|shows?|showed|showing|says|said|saying|fails?|failed|failing|errored|throws?|threw|prints?|printed|returning|outputs?|gives|gave|hit|hitting|receiv(?:e|ed|es|ing)|replies|replied|responds|responded|ran into|run into|running into|encounter(?:s|ed|ing)?|fac(?:e|es|ed|ing)|experienc(?:e|es|ed|ing)|saw|seeing|happens|happened|crash(?:es|ed|ing)?|broke|stopped|stops|hangs|hung|stuck|cancell?ed|killed|timed out|times out|exits|exited|appear(?:s|ed|ing))\b/i;
const DESIGN_TALK = /\b(?:consider|suggest\w{0,4}|recommend\w{0,4}|as designed|as expected|no action (?:is )?needed|post-?mortem|handles?|handling|(?<!\b(?:I|we) )now|so that|(?<!\b(?:the|an|this|latest|recent|last|after|since|I|we) )updated?|adds|added|fix(?:es|ed)?|implement\w{0,5}|would|could|should|instead|support(?:s|ed)?|proposal|propose|(?:be able|ability) to|configurable|detection|Erkennung|(?:cannot|can't|unable to|doesn't|does not) (?:detect|catch|distinguish|recogni[sz]e)|this (?:PR|change|commit|patch))\b/i;
/**
 * A sentence that reports what a run printed ("it returns `Invalid API key`"), not one that says how
 * code handles an error or asks for a feature: in a short text, such a sentence is the failure report.
 */
const reportsFailure = (line) => reports(line, true);
/** A sentence that says what a run did (`the worker fails with …`), not one that only is an error line. */
const saysWhatRunDid = (line) => reports(line, false);
function reports(line, orFailureSign) {
    const unquoted = line.replace(QUOTED, ' ');
    return (REPORTS.test(line) || CJK_REPORTS.test(unquoted) || (orFailureSign && failureSign(unquoted))) && !changeTalk(unquoted);
}
// What Claude Code prints after a `·` is its hint to the reader (`Invalid API key · Fix external API key`), not the writer's word.
const CLI_HINT = /\s·\s[^·\n]{1,80}/g;
const changeTalk = (unquoted) => {
    const own = unquoted.includes('·') ? unquoted.replace(CLI_HINT, ' ') : unquoted;
    return DESIGN_TALK.test(own) || CJK_DESIGN_TALK.test(own) || HYPOTHETICAL.test(own);
};
/** Words of a change, a request or a hypothesis, outside what the line quotes: `fix`, `should`, `if it fails`. */
const talksOfChange = (line) => changeTalk(line.replace(QUOTED, ' '));
// Chinese, Japanese and Korean reports seldom name their subject: the verb that says what a run showed is
// the report (`claude 提示 Invalid API key`, `Agent 始终回复 …`), and a change's verbs are not.
const CJK_REPORTS = /提示|报错|報錯|返回|回复|回覆|出现|出現|遇到|收到|被(?:强制)?(?:终止|杀死|中止)|崩溃|卡住|显示|顯示|弹出|が(?:出|発生|表示|返)|と表示|발생|나옵니다|나와요|나오는데|나왔|뜹니다|뜨는데|뜨네요|떠요|떴/;
const CJK_REPORT_AT_END = new RegExp(`(?:${CJK_REPORTS.source})[\\w\\s.-]{0,20}$`);
/** A Chinese, Japanese or Korean line that ends on what a run showed (`oauth 莫名提示403`): the next line is what it showed. */
const endsOnCjkReport = (line) => CJK_REPORT_AT_END.test(line);
const CJK_DESIGN_TALK = /修复|修正|新增|支持|改为|改成|优化|实现|应该|建议|本\s?PR|此\s?PR|该\s?PR|本次|此次|(?:更新|追記|追加|変更|改善|明文化|反映|整理)されました|を改善し|するようにしました/;
/** A writer who says a failure happened to them: `I'm already hitting …`, `I keep getting …`, `we got …`. */
const speaksOfOwnRun = (line) => {
    const unquoted = line.replace(QUOTED, ' ');
    return OWN_RUN.test(unquoted) || OWN_ACTION_SHOWED.test(unquoted);
};
const OWN_RUN = /\b(?:I|I'm|I’m|I've|I’ve|we|we're|we’re|we've|we’ve)\s[\w’' ,-]{0,60}\b(?:get|getting|got|hit|hitting|see|seeing|saw|receive[ds]?|receiving|keep|kept|run into|ran into|running into|encounter(?:ed|ing)?|experienc(?:e|ed|ing)|fac(?:e|ed|ing)|cancell?ed|killed|stopped|aborted)\b/i;
/** What a writer did and what came of it: `When I set it up, it shows "…" error`. */
const OWN_ACTION_SHOWED = /\b(?:when|whenever|after|once) (?:I|we)\b.{0,80}\b(?:it|this|claude|the (?:app|cli|agent|tool|extension))\s(?:shows?|showed|says|said|returns?|returned|gives?|gave|throws?|threw|fails?|failed|prints?|printed|displays?|displayed)\b/i;
/**
 * A writer who says, in a sentence of their own, that a run failed for them: `I keep getting …`. With
 * `subjectless`, a Chinese, Japanese or Korean sentence that says what a run showed counts too: such reports
 * seldom name their subject, and neither does a change's account of a problem, so it cannot outweigh a change's words.
 */
const writerReportsOwnFailure = (lines, subjectless = false) => lines.some((line) => !line.fenced &&
    (speaksOfOwnRun(line.text) || (subjectless && CJK_REPORTS.test(line.text.replace(QUOTED, ' ')))) &&
    reportsFailure(line.text));
/** A command typed at a prompt. */
const COMMAND = /^\s{0,4}[$❯%]\s{1,2}\S/;
/**
 * What kind of text the lines make (see `DocumentKind`), from its markers and how much of it is prose;
 * `pastesFailure`, a code block in it shows a failure or names a cause.
 */
function documentKind(lines, pastesFailure = false) {
    // A job log is a log, whatever the texts it prints say (a bot's comment about "this PR").
    if (lines.some((line) => !line.fenced && JOB_LOG.test(line.text)))
        return 'log';
    // A bug report's form shares a change's and a request's headings; so does a writer who says it failed
    // for them, even while asking for a feature. A heading inside a pasted block is the paste's, not this text's.
    const first = lines.find((line) => line.text.trim() !== '');
    const title = first?.text ?? '';
    // An issue whose title reports a failure (it is the error, or says what a run did) is a report.
    const report = first?.title === true ||
        BUG_TITLE.test(title) ||
        lines.some((line) => !line.fenced && BUG_REPORT_HEADING.test(line.text)) ||
        writerReportsOwnFailure(lines);
    // A text that pastes a failure in a code block shares a report's sections (`## Summary`, `## Root Cause`):
    // only a change's or a request's own words make it one.
    const markers = report ? CHANGE_ONLY_MARKERS : pastesFailure ? REQUEST_OR_CHANGE_MARKERS : CHANGE_MARKERS;
    let prose = 0;
    let other = 0;
    for (const line of lines) {
        if (line.fenced || line.text.trim() === '')
            continue;
        // A command's words (`$ claude -p "review this PR"`), a Markdown quote (a prompt, another's words) and
        // what a sentence quotes are not the writer's.
        const own = COMMAND.test(line.text) || line.quoted === true ? '' : line.text.replace(QUOTED, ' ');
        if (markers.some((marker) => marker.test(own)))
            return 'change';
        if (line.prose)
            prose += 1;
        else
            other += 1;
    }
    if (prose < 2 || prose < other)
        return 'log';
    // Prose that shows code without saying a run failed quotes it: a write-up of a change, not a report. A
    // sentence under a bug report's "what happened" heading says a run failed.
    return pastesFailure ||
        lines.some((line) => line.fenced
            ? failureSign(line.text)
            : line.title === true || (line.reports === true && line.prose) || reportsFailure(line.text))
        ? 'prose'
        : 'change';
}
const GITHUB = /\bapi\.github\.com\b|\bApp token exchange\b|\bapp token\b|\binstallation token\b|\bResource not accessible by\b|\bBad credentials\b|\bx-github-request-id\b|\bdocs\.github\.com\b|\b[Oo]ctokit\b|\bHttpError\b|\bgit push\b|\bgithub\.com\/[\w.-]{1,100}\/[\w.-]{1,100}\.git\b/;
const CLOUD = /\b(?:[Bb]edrock\w{0,20}|BEDROCK|CLAUDE_CODE_USE_\w{1,10}|amazonaws\.com|AWS|AWS_\w{1,30}|aws-\w{1,20}|x-amzn\S{0,40}|arn:aws|sigv4|SigV4|STS|IAM|[Vv]ertex\w{0,10}|VERTEX|aiplatform|googleapis\.com|gcloud|google\.auth|GOOGLE_\w{1,40}|(?:us|eu|apac|global)\.anthropic\.claude[\w.:-]{0,60}|invoke-with-response-stream|[Aa]zure\w{0,20}|AZURE_\w{1,40}|[Ff]oundry|FOUNDRY|cognitiveservices)\b/;
/** Who answered, as far as a text tells: GitHub, a cloud provider, or else the Anthropic API. */
function originOf(text) {
    if (GITHUB.test(text))
        return 'github';
    if (CLOUD.test(text))
        return 'cloud';
    return undefined;
}


/***/ }),

/***/ 835:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  hd: () => (/* binding */ runGuard)
});

// UNUSED EXPORTS: CONTENDED_429S_TO_STOP, STILL_CONTENDED_429S_TO_STOP, rateLimitedToStop, sessionToResume

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: ./src/diagnosis/catalogue.ts
var catalogue = __nccwpck_require__(752);
// EXTERNAL MODULE: ./src/credentials/api-probe.ts
var api_probe = __nccwpck_require__(893);
// EXTERNAL MODULE: ./src/credentials/claude-login.ts
var claude_login = __nccwpck_require__(454);
// EXTERNAL MODULE: ./src/credentials/credential.ts
var credentials_credential = __nccwpck_require__(333);
// EXTERNAL MODULE: ./src/credentials/key-checks.ts
var key_checks = __nccwpck_require__(79);
// EXTERNAL MODULE: ./src/credentials/verdict.ts
var verdict = __nccwpck_require__(787);
;// CONCATENATED MODULE: ./src/credentials/credential-run.ts
// The credentials of one guarded run: which one the attempts use, the preflight before the first, the
// credit check after a credit error (at most once per credential), and the switch to `fallback-api-key`.
// Everything it learns goes into its report; it talks to the API only through the probes. Each step
// returns what it decided; the caller builds its records from that.






/** A preflight answers within a second or two, or the run goes on without it. */
const PREFLIGHT_TIMEOUT_MS = 5_000;
const CREDIT_PROBE_TIMEOUT_MS = 15_000;
class CredentialRun {
    setup;
    options;
    target;
    log;
    asks;
    current;
    answerSkipped = new AbortController();
    /** The preflight's API request is under way. */
    answerPending = false;
    verifications = new Map();
    unverifiedReason;
    report;
    constructor(setup, options, target, log, asks = {}) {
        this.setup = setup;
        this.options = options;
        this.target = target;
        this.log = log;
        this.asks = asks;
        this.current = setup.primary;
        const role = (credential) => credential === setup.primary ? 'used' : credential === setup.fallback ? 'fallback' : 'ignored';
        const all = [...setup.present, ...(setup.fallback ? [setup.fallback] : [])];
        this.report = {
            ...(setup.provider ? { provider: `${setup.provider.name} (${setup.provider.variable})` } : {}),
            credentials: all.map((credential) => ({ ...(0,credentials_credential/* fingerprint */.Rj)(credential), role: role(credential) })),
            checks: [],
            conflicts: [...setup.conflicts],
            probes: [],
            notes: [],
            fixFacts: { fallbackSet: setup.fallback !== undefined },
        };
        for (const credential of all)
            log.info(`Credential (${role(credential)}): ${(0,credentials_credential/* describeFingerprint */.ML)((0,credentials_credential/* fingerprint */.Rj)(credential))}`);
        for (const conflict of setup.conflicts)
            log.warning(conflict);
        this.updateFixFacts();
    }
    /** The credentials of a run with these settings, in this environment, probed where ANTHROPIC_BASE_URL points. */
    static of(settings, context) {
        return new CredentialRun((0,credentials_credential/* resolveCredentials */.z8)(settings, context.env), settings, { baseUrl: context.env.ANTHROPIC_BASE_URL, signal: context.signal }, context.log, context);
    }
    /**
     * The environment of the next attempt: exactly the credential in use. A cloud provider's run keeps the
     * workflow's credential variables as they are: the action uses none of them.
     */
    environment(base) {
        return this.setup.provider ? (0,credentials_credential/* workflowEnvironment */.PR)(base) : (0,credentials_credential/* environmentFor */.DD)(base, this.current);
    }
    note(text) {
        this.report.notes.push(text);
        this.log.info(text);
    }
    /** Checks the credential before the first attempt, to the end; a diagnosis means Claude Code must not start. */
    async preflight() {
        const started = await this.startPreflight(false);
        if ('stop' in started)
            return started.stop;
        await started.answer;
        return this.report.stop;
    }
    /**
     * Starts the preflight. What needs no network is decided before it returns: `stop` means Claude Code must
     * not start. The API's answer to the free request comes in `answer`, and the first attempt may run
     * meanwhile: only a credential the API refuses stops the run, and such a credential cannot spend money
     * either, so the attempt is stopped as soon as the answer is 'stop' (or 'switched', to start again with
     * `fallback-api-key`). `skipAnswer` drops the answer when the attempt succeeded before the API answered.
     * `alongside`: an attempt runs while the answer is awaited.
     */
    async startPreflight(alongside) {
        const go = { answer: Promise.resolve('go') };
        if (this.setup.provider) {
            this.note(`Claude Code uses ${this.report.provider}: the Anthropic API checks are skipped.`);
            return go;
        }
        if (!this.options.preflight) {
            this.note('preflight is off: the credential was not checked before the first attempt.');
            return go;
        }
        if (!this.current && (await this.ownLogin()))
            return go;
        const credential = this.current;
        const problem = await this.localCheck(credential);
        if (problem)
            return (await this.stopOrSwitch(problem)) === 'stop' ? { stop: problem } : go;
        if (!credential)
            return go;
        return { answer: this.apiAnswer(credential, alongside) };
    }
    /** Ends the wait for the preflight's API answer: the first attempt succeeded without it. */
    skipAnswer() {
        if (!this.answerPending || this.answerSkipped.signal.aborted)
            return;
        this.answerSkipped.abort();
        this.note('Preflight: attempt 1 succeeded before the API answered, so the answer was not needed.');
    }
    async apiAnswer(credential, alongside) {
        this.answerPending = true;
        const problem = await this.probeCheck(credential, this.answerSkipped.signal);
        this.answerPending = false;
        // A skipped answer comes back as no problem.
        if (!problem)
            return 'go';
        const answer = await this.stopOrSwitch(problem);
        if (answer === 'stop' && alongside)
            this.report.stoppedAttempt = true;
        return answer;
    }
    /** A credential that cannot work: the fallback key when it helps, or the run stops. */
    async stopOrSwitch(problem) {
        if (await this.switchToFallback(problem.cause, problem.evidence, 0))
            return 'switched';
        this.report.stop = problem;
        return 'stop';
    }
    /** With no credential set: whether Claude Code is logged in by itself, and so runs with that login. */
    async ownLogin() {
        const login = await this.asks.login?.();
        if (!login?.loggedIn)
            return false;
        this.report.login = (0,claude_login/* describeLogin */.Hf)(login);
        this.note(`Credential: ${this.report.login}; the API checks that need a key are skipped.`);
        return true;
    }
    /** Local checks, then (when `probe`) the free models request; a diagnosis when the credential cannot work. */
    async check(credential, probe) {
        const problem = await this.localCheck(credential);
        if (problem || !credential || !probe)
            return problem;
        return this.probeCheck(credential);
    }
    /** The checks that need no network; a diagnosis when they show the credential cannot work. */
    async localCheck(credential) {
        const findings = credential
            ? (0,key_checks/* checkCredential */.C)(credential)
            : (0,key_checks/* missingCredentialFindings */.M)(await this.asks.event?.(), this.asks.where);
        this.report.checks.push({ credential: credential?.source ?? 'none', findings });
        for (const finding of findings.filter((f) => f.severity === 'warning'))
            this.log.warning(finding.text);
        const errors = findings.filter((finding) => finding.severity === 'error');
        if (errors.length === 0)
            return undefined;
        return { cause: errors[0].cause, evidence: findings.map((finding) => ({ source: 'preflight', text: finding.text })) };
    }
    /** The free models request; a diagnosis when the API refuses the credential. Nothing is kept once `skipped`. */
    async probeCheck(credential, skipped) {
        const signal = this.target.signal && skipped ? AbortSignal.any([this.target.signal, skipped]) : (skipped ?? this.target.signal);
        const result = await (0,api_probe/* probeModels */.Z)(credential, { ...this.target, signal, timeoutMs: PREFLIGHT_TIMEOUT_MS });
        if (skipped?.aborted)
            return undefined;
        this.report.probes.push({ ...result, purpose: 'preflight' });
        this.log.info(`Preflight: ${(0,verdict/* describeProbe */.WH)(result)}`);
        if (result.status === undefined)
            this.log.warning(`Preflight could not reach the API; the run goes on. ${(0,verdict/* describeProbe */.WH)(result)}`);
        return (0,verdict/* preflightDiagnosis */.L5)(result, credential);
    }
    /** The preflight asked the API and got no answer at all: the network, not the key, is in question. */
    get apiUnreachable() {
        return this.report.probes.some((probe) => probe.purpose === 'preflight' && probe.status === undefined);
    }
    /** Switches the remaining attempts to `fallback-api-key` when it helps, it is set, and it passes its checks. */
    async switchToFallback(cause, evidence, afterAttempt) {
        const { fallback } = this.setup;
        if (!fallback || this.current === fallback || (0,catalogue/* causeOf */.rl)(cause).retry !== 'other-credential')
            return false;
        const fallbackProblem = await this.check(fallback, this.options.preflight);
        if (fallbackProblem) {
            const text = `fallback-api-key was not used: ${(0,catalogue/* causeOf */.rl)(fallbackProblem.cause).title} (${fallbackProblem.cause}).`;
            evidence.push({ source: 'preflight', text });
            this.note(text);
            return false;
        }
        const from = this.current?.source ?? 'no credential';
        this.current = fallback;
        this.report.switchedToFallback = { afterAttempt, cause };
        const when = afterAttempt === 0 ? 'all attempts use' : `the attempts after attempt ${afterAttempt} use`;
        this.log.warning(`${(0,catalogue/* causeOf */.rl)(cause).title} (${cause}) with ${from}: ${when} fallback-api-key.`);
        return true;
    }
    async verifyCredit(afterAttempt) {
        if (this.setup.provider)
            return { kind: 'not-possible', reason: `Claude Code uses ${this.report.provider}` };
        const credential = this.current;
        if (!credential) {
            return {
                kind: 'not-possible',
                reason: this.report.login ? `Claude Code is ${this.report.login}, not a key` : 'no credential is set',
            };
        }
        const earlier = this.verifications.get(credential.source);
        if (earlier)
            return earlier;
        const probe = await (0,api_probe/* probeCredit */.Y)(credential, this.options.probeModel, { ...this.target, timeoutMs: CREDIT_PROBE_TIMEOUT_MS });
        this.report.probes.push({ ...probe, purpose: 'credit', afterAttempt });
        this.log.info(`Credit check: ${(0,verdict/* describeProbe */.WH)(probe)}`);
        const verification = { kind: 'probed', probe, afterAttempt };
        this.verifications.set(credential.source, verification);
        return verification;
    }
    /**
     * Refines an attempt's diagnosis by what the credentials tell (the credit check, the kind of credential
     * that was refused), and switches to the fallback key when it can help.
     */
    async review(diagnosis, attemptNumber) {
        let refined = (0,verdict/* refineForCredential */.yJ)(diagnosis, this.current);
        if (refined.cause === 'credit-balance-low' && this.options.verifyCredit) {
            refined = (0,verdict/* refineCreditDiagnosis */.A0)(refined, await this.verifyCredit(attemptNumber));
            if (refined.cause === 'credit-balance-low')
                this.unverifiedReason = refined.evidence.at(-1)?.text;
        }
        // A key that shadows a subscription, or two different keys, explain credit errors: keep them as evidence.
        const conflicts = catalogue/* CREDIT_CAUSES */.j5.includes(refined.cause)
            ? this.setup.conflicts.map((text) => ({ source: 'preflight', text }))
            : [];
        const evidence = [...refined.evidence, ...conflicts];
        const withFallback = await this.switchToFallback(refined.cause, evidence, attemptNumber);
        this.updateFixFacts();
        return { diagnosis: { ...refined, evidence }, withFallback };
    }
    /**
     * Can the credential spend at all? One billed one-token request, as after a credit error; a diagnosis
     * when it cannot (an empty balance, a spend limit). For a diagnosis without a log to read.
     */
    async spendCheck() {
        if (!this.options.verifyCredit || !this.current || this.setup.provider)
            return undefined;
        const refined = (0,verdict/* refineCreditDiagnosis */.A0)({ cause: 'credit-balance-low', evidence: [] }, await this.verifyCredit(0));
        this.updateFixFacts();
        return refined.cause === 'credit-exhausted' || refined.cause === 'spend-limit' ? refined : undefined;
    }
    /** What the fix of a credit cause depends on, from what the probes saw so far. */
    updateFixFacts() {
        this.report.fixFacts = {
            organizationId: this.report.probes.findLast((probe) => probe.credential === this.current?.source && probe.organizationId !== undefined)?.organizationId,
            keyShadowsSubscription: this.current?.kind === 'api-key' && this.setup.present.some((credential) => credential.kind === 'oauth-token'),
            fallbackSet: this.setup.fallback !== undefined,
            unverifiedReason: this.options.verifyCredit ? this.unverifiedReason : 'verify-credit is off',
        };
    }
}

// EXTERNAL MODULE: ./src/diagnosis/classify.ts
var classify = __nccwpck_require__(107);
// EXTERNAL MODULE: ./src/report/build-report.ts
var build_report = __nccwpck_require__(417);
// EXTERNAL MODULE: ./src/settings/settings.ts
var settings_settings = __nccwpck_require__(100);
;// CONCATENATED MODULE: ./src/text/words.ts
// Words for counts, so that no sentence says "1 attempt(s)". Pure.
/** `1 attempt`, `3 attempts`; `plural` for nouns that do not take an s. */
function counted(count, singular, plural = `${singular}s`) {
    return `${count} ${count === 1 ? singular : plural}`;
}

// EXTERNAL MODULE: ./src/claude/stream-events.ts
var stream_events = __nccwpck_require__(104);
;// CONCATENATED MODULE: ./src/claude/transcript.ts
// A readable, live transcript of stream-json events for the job log: one short entry per event,
// never raw JSON. Pure.


const ONE_LINE = 160;
function oneLine(text, max = ONE_LINE) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
function describeTool(tool) {
    const input = (typeof tool.input === 'object' && tool.input !== null ? tool.input : {});
    const main = ['command', 'file_path', 'path', 'pattern', 'url', 'description', 'prompt']
        .map((key) => input[key])
        .find((value) => typeof value === 'string');
    return `⚙ ${tool.name}${main ? `: ${oneLine(main, ONE_LINE - tool.name.length)}` : ''}`;
}
const seconds = (ms) => (ms === undefined ? '?' : `${(ms / 1000).toFixed(1)}s`);
/** The transcript lines for one event; empty when the event is not worth a line. */
function transcriptLines(event) {
    switch (event.kind) {
        case 'init':
            return [`▶ Claude Code ${event.version ?? ''} · model ${event.model ?? '?'} · credential from ${event.apiKeySource ?? '?'}`];
        case 'assistant':
            return [...event.texts.flatMap((text) => text.split('\n')), ...event.toolUses.map(describeTool)];
        case 'tool_result':
            return event.isError ? [`  ↳ tool error: ${oneLine(event.firstLine)}`] : [];
        case 'api_retry':
            return [
                `↻ Claude Code retry ${event.attempt ?? '?'}/${event.maxRetries ?? '?'}: ${(0,stream_events/* describeStatus */.Wn)(event.errorStatus)}${event.error && event.error !== 'unknown' ? ` ${event.error}` : ''}, next in ${seconds(event.retryDelayMs)}`,
            ];
        case 'rate_limit':
            return event.status === 'rejected' || event.status === 'allowed_warning'
                ? [
                    `⚠ Subscription ${event.limitType?.replace(/_/g, '-') ?? ''} limit ${event.status === 'rejected' ? 'reached' : 'nearly reached'}`,
                ]
                : [];
        case 'result': {
            const cost = event.totalCostUsd === undefined ? '' : ` · $${event.totalCostUsd.toFixed(4)}`;
            const outcome = event.isError
                ? `error${event.apiErrorStatus ? ` (HTTP ${event.apiErrorStatus})` : ''}: ${oneLine(event.result ?? '')}`
                : 'success';
            return [`■ Result: ${outcome} · ${counted(event.numTurns ?? 0, 'turn')}${cost} · ${seconds(event.durationMs)}`];
        }
    }
}

// EXTERNAL MODULE: ./src/diagnosis/observation.ts
var observation = __nccwpck_require__(203);
// EXTERNAL MODULE: ./src/text/lines.ts
var lines = __nccwpck_require__(816);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(421);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __nccwpck_require__(474);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(161);
;// CONCATENATED MODULE: external "node:timers/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
// EXTERNAL MODULE: ./src/process/line-splitter.ts
var line_splitter = __nccwpck_require__(519);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: ./src/process/output-capture.ts
// The child's output goes to a file that is read back as it grows. A pipe will not do for Claude Code:
// when it exits it drops whatever the pipe could not take at once (seen with 2.1.197 and about 2 MiB of
// output, even with a reader doing nothing else), while a file never makes it wait. So the reader can
// go at its own pace (the job log's) and lose nothing: the file holds what it has not read yet.




/** How often a growing file is checked for more output: the live log lags by at most this. */
const POLL_MS = 25;
/** Bytes per read. A read that finds output hands its buffer on (the log may write it later). */
const READ_BYTES = 256 * 1024;
class OutputCapture {
    path;
    ownDir;
    /** The descriptor to give the child as its stdout; closed in this process once the child has it. */
    writeFd;
    readFd;
    position = 0;
    /** The buffer of a read that found nothing, kept for the next: a quiet child costs no garbage. */
    spare;
    writerOpen = true;
    closed = false;
    /** `ownDir`: the private directory the file is in, removed with it. */
    constructor(path, ownDir) {
        this.path = path;
        this.ownDir = ownDir;
        this.writeFd = (0,external_node_fs_.openSync)(path, 'w', 0o600);
        this.readFd = (0,external_node_fs_.openSync)(path, 'r');
    }
    /** A file in a private temporary directory; undefined when none can be made (the caller reads a pipe). */
    static create(name) {
        try {
            const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), `ccg-${name}-`));
            return new OutputCapture((0,external_node_path_.join)(dir, name), dir);
        }
        catch {
            return undefined;
        }
    }
    /** A file at `path`, which the caller may keep (see `close`); undefined when it cannot be made. */
    static at(path) {
        try {
            return new OutputCapture(path);
        }
        catch {
            return undefined;
        }
    }
    closeWriter() {
        if (this.writerOpen)
            (0,external_node_fs_.closeSync)(this.writeFd);
        this.writerOpen = false;
    }
    /**
     * Passes on what is written as it comes, until `ended` aborts (which wakes it at once); then reads to
     * the end of the file.
     * Before each read it waits for `pace` (the reader's backlog), if given.
     */
    async follow(onChunk, ended, pace) {
        while (!ended.aborted && !this.closed) {
            await this.readAvailable(onChunk, pace);
            await (0,promises_namespaceObject.setTimeout)(POLL_MS, undefined, { signal: ended }).catch(() => undefined);
        }
        await this.readAvailable(onChunk, pace);
    }
    /** Stops reading and leaves the file where it is. */
    close() {
        if (this.closed)
            return;
        this.closed = true;
        this.closeWriter();
        (0,external_node_fs_.closeSync)(this.readFd);
    }
    /** Stops reading and removes the file. */
    dispose() {
        this.close();
        (0,external_node_fs_.rmSync)(this.ownDir ?? this.path, { recursive: true, force: true });
    }
    async readAvailable(onChunk, pace) {
        while (!this.closed) {
            await pace?.();
            if (this.closed)
                return;
            const buffer = this.spare ?? Buffer.allocUnsafe(READ_BYTES);
            this.spare = undefined;
            const bytes = await new Promise((resolve) => (0,external_node_fs_.read)(this.readFd, buffer, 0, READ_BYTES, this.position, (error, count) => resolve(error ? 0 : count)));
            if (bytes === 0) {
                this.spare = buffer;
                return;
            }
            this.position += bytes;
            // A short read is copied out, so that what is kept of it does not hold a whole read buffer.
            onChunk(bytes < READ_BYTES / 4 ? Buffer.from(buffer.subarray(0, bytes)) : buffer.subarray(0, bytes));
        }
    }
}

;// CONCATENATED MODULE: ./src/process/attempt-process.ts
// Runs one attempt's process: its own process group (so a time limit, an early stop or a cancellation
// reaches every process it started), stdin closed, output split into lines as it arrives.
//
// States, in order:
//
//   running ──main process exits──▶ draining ──group gone, pipes closed (or 1 s)──▶ finished
//      │                               ▲
//      └─ stop (time limit, early stop, cancellation, a fault in handling the output): SIGTERM to the
//         group, SIGKILL 5 s later
//
// - running: stdout and stderr each go to a file read as it grows (see output-capture.ts), at the pace
//   `pace` sets; their lines reach `onLines` a block at a time, which may ask to stop.
// - draining: what the main process started may still be finishing and writing (Claude Code's last
//   output goes through such a process); the group gets a moment, then whatever is left is stopped so
//   nothing outlives the attempt, and the output is read to its end.
// - finished: the outcome is resolved once, with its own capture files removed and every timer cleared;
//   after a fault in handling the output (a bug), the promise is rejected with it instead, so the caller
//   reports it rather than the action crashing with the output half handled.






/** Time between SIGTERM and SIGKILL for the process group. */
const KILL_GRACE_MS = 5000;
/** How long the attempt's other processes may go on after the main one exited, and output still arrive. */
const DRAIN_MS = 1000;
const GROUP_POLL_MS = 25;
function isSignalName(value) {
    return typeof value === 'string' && value in external_node_os_.constants.signals;
}
/**
 * The attempt's process group. Stopping it sends a signal to every member, then SIGKILL after the grace
 * period to whatever is left; the group is watched until it is gone, so nothing it started outlives it.
 */
class ProcessGroup {
    pgid;
    killTimer;
    watchTimer;
    constructor(pgid) {
        this.pgid = pgid;
    }
    stop(signal = 'SIGTERM') {
        if (!this.send(signal) || this.killTimer)
            return;
        this.killTimer = setTimeout(() => {
            this.send('SIGKILL');
            clearInterval(this.watchTimer);
        }, KILL_GRACE_MS);
        this.watchTimer = setInterval(() => {
            if (this.send(0))
                return;
            clearTimeout(this.killTimer);
            clearInterval(this.watchTimer);
        }, GROUP_POLL_MS);
    }
    /** Resolves once no process of the group is left, or after `ms`. */
    async gone(ms) {
        for (const deadline = Date.now() + ms; this.send(0) && Date.now() < deadline;)
            await (0,promises_namespaceObject.setTimeout)(GROUP_POLL_MS);
    }
    /** False when no process of the group is left. */
    send(signal) {
        try {
            process.kill(-this.pgid, signal);
            return true;
        }
        catch {
            return false;
        }
    }
}
/** Why the executable could not be started, in one line. */
const spawnFailure = (spec, error) => `${spec.file}: ${error.code ?? ''} ${error.message}`.trim();
function runProcess(spec, hooks) {
    if (hooks.signal?.aborted)
        return Promise.resolve({ exitCode: null, signal: null, stopped: 'cancelled' });
    return new Promise((resolve, reject) => {
        let state = 'running';
        /** Why the group was stopped while running, if it was. */
        let stopped;
        const captures = { stdout: hooks.stdoutCapture ?? OutputCapture.create('stdout'), stderr: OutputCapture.create('stderr') };
        /** The caller's capture is closed for it to keep; the private ones are removed. */
        const releaseCaptures = () => {
            if (captures.stdout === hooks.stdoutCapture)
                captures.stdout?.close();
            else
                captures.stdout?.dispose();
            captures.stderr?.dispose();
        };
        let child;
        try {
            child = (0,external_node_child_process_.spawn)(spec.file, spec.args, {
                cwd: spec.cwd,
                env: spec.env,
                stdio: ['ignore', captures.stdout?.writeFd ?? 'pipe', captures.stderr?.writeFd ?? 'pipe'],
                detached: true,
            });
        }
        catch (error) {
            // Some failures to start are thrown rather than emitted: a path or an argument too long for the system.
            releaseCaptures();
            resolve({ exitCode: null, signal: null, spawnError: spawnFailure(spec, error) });
            return;
        }
        captures.stdout?.closeWriter();
        captures.stderr?.closeWriter();
        const group = child.pid === undefined ? undefined : new ProcessGroup(child.pid);
        const stop = (why, signal) => {
            // The first reason stands, except that a cancellation is what the run ends as, whatever came first.
            if (stopped === undefined || why === 'cancelled')
                stopped = why;
            group?.stop(signal);
        };
        const splitterFor = (stream) => new line_splitter/* LineSplitter */.g3((lines, verbatim) => {
            if (hooks.onLines(stream, lines, verbatim) && stopped === undefined)
                stop('early');
        });
        const splitters = { stdout: splitterFor('stdout'), stderr: splitterFor('stderr') };
        /** The first fault in handling the output: the group is stopped and the rest of the output dropped. */
        let fault;
        const handle = (work) => {
            if (fault)
                return;
            try {
                work();
            }
            catch (error) {
                fault = { error };
                group?.stop();
            }
        };
        // A pipe (when no file could be made) is read as fast as the child writes: Claude Code loses output
        // still unwritten when it exits.
        child.stderr?.on('data', (chunk) => handle(() => splitters.stderr.push(chunk)));
        child.stdout?.on('data', (chunk) => handle(() => splitters.stdout.push(chunk)));
        const exited = new AbortController();
        const follow = (stream) => captures[stream]?.follow((chunk) => handle(() => splitters[stream].push(chunk)), exited.signal, hooks.pace) ??
            Promise.resolve();
        const outputRead = Promise.all([follow('stdout'), follow('stderr')]);
        const timeout = hooks.timeoutMs > 0 ? setTimeout(() => stop('timeout'), hooks.timeoutMs) : undefined;
        const onAbort = () => {
            const reason = hooks.signal?.reason;
            stop('cancelled', isSignalName(reason) ? reason : 'SIGTERM');
        };
        hooks.signal?.addEventListener('abort', onAbort, { once: true });
        const finish = (ending) => {
            if (state === 'finished')
                return;
            state = 'finished';
            releaseCaptures();
            clearTimeout(timeout);
            hooks.signal?.removeEventListener('abort', onAbort);
            handle(() => splitters.stdout.end());
            handle(() => splitters.stderr.end());
            if (fault)
                reject(fault.error instanceof Error ? fault.error : new Error(String(fault.error)));
            else
                resolve({ ...ending, ...(stopped === undefined ? {} : { stopped }) });
        };
        child.on('error', (error) => {
            finish({ exitCode: null, signal: null, spawnError: spawnFailure(spec, error) });
        });
        child.on('exit', (code, signal) => {
            state = 'draining';
            exited.abort();
            // A child killed by a signal failed: the shell's convention, 128 + the signal's number.
            const exitCode = code ?? (signal ? 128 + external_node_os_.constants.signals[signal] : null);
            const pipesClosed = (0,external_node_events_.once)(child, 'close');
            void (async () => {
                await group?.gone(DRAIN_MS);
                group?.stop();
                // The drain timer is cancelled once the pipes close: a pending timer would hold the action's exit.
                const drained = new AbortController();
                await Promise.race([pipesClosed, (0,promises_namespaceObject.setTimeout)(DRAIN_MS, undefined, { signal: drained.signal }).catch(() => undefined)]);
                drained.abort();
                child.stdout?.destroy();
                child.stderr?.destroy();
                await outputRead;
                finish({ exitCode, signal });
            })();
        });
    });
}

;// CONCATENATED MODULE: ./src/process/stream-file.ts
// The attempt's raw output on disk, redacted. The child's stdout is captured next to it (see
// output-capture.ts), and as long as the raw stream is that capture unchanged, nothing is written twice:
// at the end the capture becomes the stream file. A chatty child then costs one copy of its output on
// disk, not two. Once the raw stream differs from the capture (a line redacted or cut, a line from
// stderr in between), the capture's clean beginning is copied and the rest is written in blocks,
// synchronously: memory stays small however much the child prints, and reading the child's output never
// waits for the disk.


/** Bytes gathered before they are written out: one write for many short lines. */
const BLOCK_BYTES = 64 * 1024;
/** Bytes copied at a time from the capture. */
const COPY_BYTES = 1024 * 1024;
class StreamFile {
    path;
    onError;
    /**
     * Where the child's stdout is captured (give it to the process); undefined when it cannot be made next
     * to the stream file, and then every line is written.
     */
    capture;
    fd;
    failed = false;
    block = [];
    blockBytes = 0;
    /** While the capture is the raw stream: its first bytes that are, and what follows them (`block`). */
    mirroring;
    mirrored = 0;
    constructor(path, onError) {
        this.path = path;
        this.onError = onError;
        this.capture = OutputCapture.at(`${path}.partial`);
        this.mirroring = this.capture !== undefined;
        if (!this.mirroring)
            this.open();
    }
    /** False once the file could not be opened or written; the lines are then not kept. */
    get ok() {
        return !this.failed;
    }
    /** Takes lines that are the capture's next bytes, unchanged. */
    mirror(lines) {
        if (this.mirroring && this.blockBytes === 0) {
            this.mirrored += lines.length;
            return;
        }
        if (this.mirroring)
            this.stopMirroring();
        this.write(lines);
    }
    /** Takes one or more whole lines, each ending in `\n`, that are not the capture's next bytes as they are. */
    write(lines) {
        if (this.failed)
            return;
        // While mirroring, these lines wait after the capture's clean beginning: if the capture ends here
        // they are appended to it, and only more of it (or many such lines) makes the two part ways.
        this.block.push(lines);
        this.blockBytes += lines.length;
        if (this.blockBytes < BLOCK_BYTES)
            return;
        if (this.mirroring)
            this.stopMirroring();
        this.flush();
    }
    close() {
        if (this.mirroring)
            this.adoptCapture();
        else {
            this.flush();
            this.capture?.dispose();
        }
        if (this.fd !== undefined)
            (0,external_node_fs_.closeSync)(this.fd);
        this.fd = undefined;
    }
    /** The capture, cut to what the raw stream took of it, becomes the stream file, with what followed. */
    adoptCapture() {
        const capture = this.capture;
        this.mirroring = false;
        try {
            capture.close();
            (0,external_node_fs_.truncateSync)(capture.path, this.mirrored);
            (0,external_node_fs_.renameSync)(capture.path, this.path);
            if (this.blockBytes > 0)
                (0,external_node_fs_.writeFileSync)(this.path, Buffer.concat(this.block), { flag: 'a' });
        }
        catch (error) {
            capture.dispose();
            this.fail(error);
        }
    }
    /**
     * Copies the capture's clean beginning into the stream file, which is written from then on. Only that
     * beginning, never the whole capture then cut: the bytes after it may hold what is being redacted.
     */
    stopMirroring() {
        this.mirroring = false;
        this.open();
        const capture = this.capture;
        if (this.fd === undefined)
            return;
        let from;
        try {
            from = (0,external_node_fs_.openSync)(capture.path, 'r');
            const buffer = Buffer.allocUnsafe(Math.min(COPY_BYTES, this.mirrored));
            for (let at = 0; at < this.mirrored;) {
                const bytes = (0,external_node_fs_.readSync)(from, buffer, 0, Math.min(buffer.length, this.mirrored - at), at);
                if (bytes === 0)
                    throw new Error(`the capture ${capture.path} ended after ${at} bytes`);
                this.writeAll([buffer.subarray(0, bytes)]);
                at += bytes;
            }
        }
        catch (error) {
            this.fail(error);
        }
        finally {
            if (from !== undefined)
                (0,external_node_fs_.closeSync)(from);
        }
    }
    open() {
        try {
            this.fd = (0,external_node_fs_.openSync)(this.path, 'w', 0o600);
        }
        catch (error) {
            this.fail(error);
        }
    }
    flush() {
        const buffers = this.block;
        this.block = [];
        this.blockBytes = 0;
        if (this.fd === undefined || buffers.length === 0)
            return;
        try {
            this.writeAll(buffers);
        }
        catch (error) {
            this.fail(error);
        }
    }
    writeAll(buffers) {
        let written = (0,external_node_fs_.writevSync)(this.fd, buffers);
        // A write may take less than it was given; the rest follows.
        for (const buffer of buffers) {
            const from = Math.min(written, buffer.length);
            written -= from;
            for (let at = from; at < buffer.length;)
                at += (0,external_node_fs_.writeSync)(this.fd, buffer, at);
        }
    }
    fail(error) {
        this.failed = true;
        this.mirroring = false;
        this.block = [];
        this.blockBytes = 0;
        this.onError(`Cannot write the raw stream to ${this.path}: ${error.message}`);
        if (this.fd !== undefined)
            (0,external_node_fs_.closeSync)(this.fd);
        this.fd = undefined;
    }
}

;// CONCATENATED MODULE: ./src/guard/attempt.ts
// One attempt: start the process, watch its output as it arrives (transcript, raw stream file, early
// stop), and return what it showed and how it ended. The guard diagnoses it.






/** What a resumed session is told: the conversation so far is already in the session. */
const CONTINUE_PROMPT = 'The previous run of this task stopped because of an error outside your control. Continue the task where it stopped.';
/**
 * What to run for a task. A prompt runs Claude Code with stream-json, continuing `resumeSessionId` when
 * given; a command runs in bash as text.
 */
function attemptCommand(task, resumeSessionId) {
    if (task.kind === 'command')
        return { file: 'bash', args: ['-c', task.command], format: 'text' };
    const start = resumeSessionId === undefined ? ['-p', task.prompt] : ['-p', CONTINUE_PROMPT, '--resume', resumeSessionId];
    return {
        file: task.claudePath,
        args: [...start, '--output-format', 'stream-json', '--verbose', ...task.claudeArgs],
        format: 'stream-json',
    };
}
/** Longer lines are cut in the log (the raw stream file has them whole): megabytes per line help no reader. */
const MAX_LOG_LINE_CHARS = 64 * 1024;
/** A line as the log shows it: cut when too long, saying how much is missing and where it is whole. */
function clipLine(line, streamFile) {
    if (line.length <= MAX_LOG_LINE_CHARS)
        return line;
    const where = streamFile?.ok ? `; the whole line is in ${streamFile.path}` : '';
    return `${(0,lines/* clip */.$Q)(line, MAX_LOG_LINE_CHARS)}${where}`;
}
function clipLines(lines, streamFile) {
    return lines.map((line) => clipLine(line, streamFile)).join('\n');
}
async function runAttempt(context) {
    const { command, redactor, log } = context;
    const observer = new observation/* AttemptObserver */.sT(command.format, context.observer);
    const streamFile = context.streamFile === undefined ? undefined : new StreamFile(context.streamFile, (m) => log.warning(m));
    const startedAt = new Date();
    const spec = { file: command.file, args: command.args, cwd: context.cwd, env: context.env };
    const hooks = {
        timeoutMs: context.timeoutMs,
        signal: context.signal,
        pace: log.ready ? () => log.ready?.() : undefined,
        stdoutCapture: streamFile?.capture,
        onLines: (stream, rawLines, verbatim) => {
            const lines = redactor.redactBytes(rawLines);
            if (stream === 'stdout' && verbatim && lines === rawLines)
                streamFile?.mirror(lines);
            else
                streamFile?.write(lines);
            if (command.format === 'text') {
                // A command's output is relayed as it came, a block of bytes at a time, however chatty.
                observer.addText(stream, lines);
                if ((0,line_splitter/* hasLineLongerThan */.bM)(lines, MAX_LOG_LINE_CHARS))
                    log.transcript(clipLines((0,line_splitter/* textLines */.Fy)(lines), streamFile));
                else
                    log.output(lines);
            }
            else {
                for (const line of (0,line_splitter/* textLines */.Fy)(lines)) {
                    const event = observer.addLine(stream, line);
                    for (const entry of event ? transcriptLines(event) : [line])
                        log.transcript(clipLine(entry, streamFile));
                }
            }
            return observer.earlyStop !== undefined;
        },
    };
    let outcome;
    try {
        outcome = await runProcess(spec, hooks);
    }
    catch (error) {
        throw new Error(`handling the attempt's output failed: ${error.message}`, { cause: error });
    }
    finally {
        // Also after a fault: the stream file keeps what was redacted, and its `.partial` capture goes.
        streamFile?.close();
    }
    return {
        startedAt,
        durationMs: Date.now() - startedAt.getTime(),
        outcome,
        observation: observer.observation,
        ...(streamFile?.ok ? { streamFile: streamFile.path } : {}),
    };
}

;// CONCATENATED MODULE: ./node_modules/is-network-error/index.js
const objectToString = Object.prototype.toString;

const isError = value => objectToString.call(value) === '[object Error]';

const errorMessages = new Set([
	'network error', // Chrome
	'NetworkError when attempting to fetch resource.', // Firefox
	'The Internet connection appears to be offline.', // Safari 16
	'Network request failed', // `cross-fetch`
	'fetch failed', // Undici (Node.js)
	'terminated', // Undici (Node.js)
	' A network error occurred.', // Bun (WebKit)
	'Network connection lost', // Cloudflare Workers (fetch)
]);

function isNetworkError(error) {
	const isValid = error
		&& isError(error)
		&& error.name === 'TypeError'
		&& typeof error.message === 'string';

	if (!isValid) {
		return false;
	}

	const {message, stack} = error;

	// Safari 17+ has generic message but no stack for network errors
	if (message === 'Load failed' || (message.startsWith('Load failed (') && message.endsWith(')'))) {
		return stack === undefined
			// Sentry adds its own stack trace to the fetch error, so also check for that
			|| '__sentry_captured__' in error;
	}

	// Deno network errors start with specific text
	if (message.startsWith('error sending request for url')) {
		return true;
	}

	// Chrome: exact "Failed to fetch" or with hostname: "Failed to fetch (example.com)"
	if (message === 'Failed to fetch' || (message.startsWith('Failed to fetch (') && message.endsWith(')'))) {
		return true;
	}

	// Standard network error messages
	return errorMessages.has(message);
}

;// CONCATENATED MODULE: ./node_modules/p-retry/index.js


function validateRetries(retries) {
	if (typeof retries === 'number') {
		if (retries < 0) {
			throw new TypeError('Expected `retries` to be a non-negative number.');
		}

		if (Number.isNaN(retries)) {
			throw new TypeError('Expected `retries` to be a valid number or Infinity, got NaN.');
		}

		// Not `Number.isSafeInteger`, which would reject a huge `retries`. That is accepted on purpose and behaves as effectively forever.
		// eslint-disable-next-line unicorn/prefer-number-is-safe-integer
		if (Number.isFinite(retries) && !Number.isInteger(retries)) {
			throw new TypeError('Expected `retries` to be a non-negative integer or Infinity.');
		}
	} else if (retries !== undefined) {
		throw new TypeError('Expected `retries` to be a number or Infinity.');
	}
}

function validateNumberOption(name, value, {allowInfinity = false} = {}) {
	if (typeof value !== 'number' || Number.isNaN(value)) {
		throw new TypeError(`Expected \`${name}\` to be a number${allowInfinity ? ' or Infinity' : ''}.`);
	}

	if (!allowInfinity && !Number.isFinite(value)) {
		throw new TypeError(`Expected \`${name}\` to be a finite number.`);
	}

	if (value < 0) {
		throw new TypeError(`Expected \`${name}\` to be \u{2265} 0.`);
	}
}

function validateOption(name, value, type) {
	// `null` means "not provided", as it does for the other options. `unref` needs this because it is the one option with no default of its own.
	if (value === undefined || value === null) {
		return;
	}

	if (typeof value !== type) {
		throw new TypeError(`Expected \`${name}\` to be a ${type}.`);
	}
}

function validateSignal(value) {
	// `null` means "not provided", as it does for the other options.
	if (value === undefined || value === null) {
		return;
	}

	// Duck typed rather than `instanceof`, so a signal from another realm still works. All three methods are checked because `removeEventListener` is called from inside a timer callback, where a `TypeError` would be an uncaught exception rather than a rejection the caller could catch.
	if (typeof value.throwIfAborted !== 'function'
		|| typeof value.addEventListener !== 'function'
		|| typeof value.removeEventListener !== 'function') {
		throw new TypeError('Expected `signal` to be an AbortSignal.');
	}
}

class AbortError extends Error {
	constructor(message) {
		super(typeof message === 'string' ? message : undefined);

		this.name = 'AbortError';

		if (message instanceof Error) {
			this.originalError = message;
			({message} = message);
		} else {
			// Created here, so it already captures every caller frame. Copying `this.stack` instead would only rewrite the header, which is rendered lazily from `name` and `message` at read time. It also stringifies a non-string message, so reuse its result below.
			this.originalError = new Error(message);
			({message} = this.originalError);

			// The caller sees this error, so the frame for this constructor is dropped where the runtime supports it. Left in, the top frame blames p-retry for an error the caller threw. An error the caller passed keeps its own stack, which points at their throw site already. V8-only, hence the lint exception, and the optional call leaves the stack as it is where it is missing.
			// eslint-disable-next-line unicorn/no-nonstandard-builtin-properties
			Error.captureStackTrace?.(this.originalError, AbortError);
		}

		this.message = message;
	}
}

// `setTimeout` cannot represent a longer delay and fires it right away instead, which turns a long backoff into a tight retry loop. Cap at the largest value it can still hold.
const maximumDelay = (2 ** 31) - 1;

function calculateDelay(retriesConsumed, options) {
	// Nothing to wait for, and multiplying by a factor that has grown to `Infinity` would give `NaN`.
	if (options.minTimeout === 0) {
		return 0;
	}

	// `retriesConsumed` starts at 0 and only ever counts up, so the first retry is already attempt 1.
	const attempt = retriesConsumed + 1;
	const random = options.randomize ? (Math.random() + 1) : 1;

	const timeout = Math.round(random * options.minTimeout * (options.factor ** (attempt - 1)));

	// `maxTimeout` rounds up, so a fractional cap still gives a whole number of milliseconds. Rounding down would turn a cap below 1 into no timer at all, which never yields to the event loop. `Math.ceil(Infinity)` is `Infinity`.
	return Math.min(timeout, Math.ceil(options.maxTimeout), maximumDelay);
}

function calculateRemainingTime(start, max) {
	return Number.isFinite(max) ? max - (performance.now() - start) : max;
}

async function delayForRetry(delay, options) {
	if (delay <= 0) {
		return;
	}

	await new Promise((resolve, reject) => {
		// Registered with `once`, so it removes itself when it fires.
		const onAbort = () => {
			clearTimeout(timeoutToken);
			reject(options.signal.reason);
		};

		const timeoutToken = setTimeout(() => {
			options.signal?.removeEventListener('abort', onAbort);
			resolve();
		}, delay);

		if (options.unref) {
			timeoutToken.unref?.();
		}

		options.signal?.addEventListener('abort', onAbort, {once: true});
	});
}

// Stringifying a thrown value can itself throw, for an object with no usable `toString`. That must never be allowed to replace the failure the caller is actually dealing with.
//
// A thrown value whose own accessors or proxy traps throw is not supported, here or anywhere else. It comes from the caller's own code, so it is not something to defend against.
function stringifyThrownValue(value) {
	try {
		return String(value);
	} catch {
		return Object.prototype.toString.call(value);
	}
}

// `AbortError` wraps the error the caller actually wants, and the wrappers can be nested, so keep unwrapping until the cause is reached. Otherwise an `AbortError` would escape `pRetry` and a `catch` doing `error instanceof AbortError` would read a real failure as a cancellation.
//
// Two wrappers whose `originalError` points at each other are not supported, like the thrown values above.
function unwrapAbortError(error) {
	let cause = error;

	// A wrapper with no error to unwrap to is the cause as far as it goes.
	while (cause instanceof AbortError && cause.originalError instanceof Error) {
		cause = cause.originalError;
	}

	return cause;
}

async function onAttemptFailure({error, attemptNumber, retriesConsumed, startTime, options}) {
	// The signal is checked after the operation and after every callback, so a cancellation is never reported as an operation failure or a callback's decision, and no callback runs after it. The last check also guards the delay, whose abort listener never fires on a signal that is already aborted.
	const abortIfNeeded = () => {
		options.signal?.throwIfAborted();
	};

	const normalizedError = error instanceof Error
		? error
		: new TypeError(`Non-error was thrown: "${stringifyThrownValue(error)}". You should only throw errors.`);

	// Checked before unwrapping an `AbortError`, because the reason a caller aborted with is final. Unwrapping it would replace the reason they chose with whatever is inside it, and it would also let an `AbortError` from the operation outrank a cancellation the caller asked for.
	abortIfNeeded();

	if (normalizedError instanceof AbortError) {
		throw unwrapAbortError(normalizedError);
	}

	// `retriesConsumed` only ever advances while `retriesLeft` is above 0, so this is never negative. `Infinity` minus a finite count is `Infinity`, so an unlimited budget needs no special case.
	const retriesLeft = options.retries - retriesConsumed;

	// A `TypeError` normally means the operation itself is broken rather than the thing it was trying to reach, so retrying it does not help. A network `TypeError` is the exception, and its message differs per runtime, so it has to be recognised rather than assumed.
	const isRetriableError = !(normalizedError instanceof TypeError) || isNetworkError(normalizedError);

	// Out of time already, out of retries, or a failure that is never retried, so the delay is 0 and the callbacks are told that no retry follows. Only computed when a retry can still follow, so a randomized delay does not draw from `Math.random` for a wait that is never taken.
	const timeLeft = calculateRemainingTime(startTime, options.maxRetryTime);
	const delayTime = isRetriableError && timeLeft > 0 && retriesLeft > 0 ? calculateDelay(retriesConsumed, options) : 0;

	const consumeRetryContext = Object.freeze({
		error: normalizedError,
		attemptNumber,
		retriesLeft,
		retriesConsumed,
		retryDelay: delayTime,
	});

	// No answer means no opinion, so fall back to the default. Treating it as `false` instead would leave `retries` uncounted and let the loop run forever.
	const consumeRetry = (await options.shouldConsumeRetry(consumeRetryContext)) ?? true;

	abortIfNeeded();

	const effectiveDelay = consumeRetry ? delayTime : 0;
	const context = Object.freeze({
		error: normalizedError,
		attemptNumber,
		retriesLeft,
		retriesConsumed,
		retryDelay: effectiveDelay,
	});

	await options.onFailedAttempt(context);

	abortIfNeeded();

	const remainingTime = calculateRemainingTime(startTime, options.maxRetryTime);

	// No time or budget left, or a failure that retrying cannot help with.
	if (
		!isRetriableError
		|| remainingTime <= 0
		|| retriesLeft <= 0
	) {
		throw normalizedError;
	}

	const shouldRetry = await options.shouldRetry(context);

	abortIfNeeded();

	if (!shouldRetry) {
		throw normalizedError;
	}

	const remainingTimeAfterShouldRetry = calculateRemainingTime(startTime, options.maxRetryTime);

	if (remainingTimeAfterShouldRetry <= 0) {
		throw normalizedError;
	}

	if (!consumeRetry) {
		return false;
	}

	await delayForRetry(Math.min(effectiveDelay, remainingTimeAfterShouldRetry), options);

	return true;
}

async function pRetry(input, options = {}) {
	options = {...options};

	// Applied before validating, so that `null` means "not provided" here as it does for every other option.
	options.retries ??= 10;

	validateRetries(options.retries);

	if (Object.hasOwn(options, 'forever')) {
		throw new Error('The `forever` option is no longer supported. For many use-cases, you can set `retries: Infinity` instead.');
	}

	options.factor ??= 2;
	options.minTimeout ??= 1000;
	options.maxTimeout ??= Infinity;
	options.maxRetryTime ??= Infinity;
	options.randomize ??= false;
	options.onFailedAttempt ??= () => {};
	options.shouldRetry ??= () => true;
	options.shouldConsumeRetry ??= () => true;

	// Validate the options that have a runtime type to check.
	validateOption('onFailedAttempt', options.onFailedAttempt, 'function');
	validateOption('shouldRetry', options.shouldRetry, 'function');
	validateOption('shouldConsumeRetry', options.shouldConsumeRetry, 'function');
	validateOption('randomize', options.randomize, 'boolean');
	validateOption('unref', options.unref, 'boolean');
	validateSignal(options.signal);
	validateNumberOption('factor', options.factor);
	validateNumberOption('minTimeout', options.minTimeout);
	validateNumberOption('maxTimeout', options.maxTimeout, {allowInfinity: true});
	validateNumberOption('maxRetryTime', options.maxRetryTime, {allowInfinity: true});

	// A negative factor is rejected above, so this only catches `0`. Treat it as `1` to keep the delay constant instead of dropping to zero after the first retry.
	if (options.factor === 0) {
		options.factor = 1;
	}

	options.signal?.throwIfAborted();

	let attemptNumber = 0;
	let retriesConsumed = 0;
	const startTime = performance.now();

	// A consumed count is always finite, so `Infinity` keeps this true and needs no special case.
	while (retriesConsumed <= options.retries) {
		attemptNumber++;

		try {
			options.signal?.throwIfAborted();

			const result = await input(attemptNumber);

			options.signal?.throwIfAborted();

			return result;
		} catch (error) {
			if (await onAttemptFailure({
				error,
				attemptNumber,
				retriesConsumed,
				startTime,
				options,
			})) {
				retriesConsumed++;
			}
		}
	}

	// Unreachable: `onAttemptFailure` throws once `retriesLeft` reaches 0, which is the same state the loop condition tests, so the loop is always left by a throw. Kept as a guard against a future change to either side breaking that pairing.
	throw new Error('Retry attempts exhausted without throwing an error.');
}

function makeRetriable(function_, options) {
	return function (...arguments_) {
		return pRetry(() => function_.apply(this, arguments_), options);
	};
}

;// CONCATENATED MODULE: ./src/guard/wait-policy.ts
/**
 * The wait in milliseconds before the next attempt, given the wait before the attempt that just failed
 * (undefined or 0 after the first attempt, and after an attempt with no wait before it).
 *
 * Exponential backoff uses de-correlated jitter: the first wait is drawn between half and twice
 * retry-wait-seconds, and each later one between the previous wait and twice it. The waits grow about
 * 1.5 times per attempt on average, but jobs that failed together draw apart instead of retrying in
 * lockstep: each job's next wait depends on its own last one, not on a shared schedule, and a job
 * refused again never comes back sooner than it did. Every wait is capped at max-wait-seconds
 * and never shorter than the API's retry-after.
 */
function nextWaitMs(policy, previousWaitMs, retryAfterMs, random) {
    const firstMs = policy.retryWaitSeconds * 1000;
    const lowest = Math.max(firstMs / 2, previousWaitMs ?? 0);
    const highest = 2 * (previousWaitMs ? lowest : firstMs);
    const scheduled = policy.backoff === 'fixed' ? firstMs : lowest + random() * (highest - lowest);
    const capped = Math.min(scheduled, policy.maxWaitSeconds * 1000);
    return Math.round(Math.max(capped, retryAfterMs ?? 0));
}

;// CONCATENATED MODULE: ./src/guard/retry-loop.ts
// The retry loop, on p-retry, which counts the attempts and stops on the run's signal. After each
// attempt a pure decision says what follows it: stop, or wait and try again (the wait chosen by the wait
// policy, honouring the API's retry-after; none before the fallback key's first attempt). The record of
// the attempt is built once, with that wait in it.






const STOP = { kind: 'stop' };
/**
 * Decides what follows an attempt, given the wait before it (each wait is drawn from the last). Pure: the
 * random source is passed in.
 */
function nextStep(plan, attempt, waitBeforeMs, random) {
    const { diagnosis } = attempt;
    if (diagnosis === undefined || attempt.number >= plan.maxAttempts)
        return STOP;
    // Another credential is not limited by what failed: it needs no wait.
    if (attempt.withFallback)
        return { kind: 'retry', waitMs: 0 };
    if (!(0,settings_settings/* isRetried */.mo)(plan.retryOn, diagnosis.cause))
        return STOP;
    const policy = (0,catalogue/* causeOf */.rl)(diagnosis.cause).retry === 'steady' ? { ...plan.wait, backoff: 'fixed' } : plan.wait;
    return { kind: 'retry', waitMs: nextWaitMs(policy, waitBeforeMs, diagnosis.retryAfterMs, random) };
}
/** p-retry's signal to run the input again; it carries nothing (the record is already kept). */
class RetryWanted extends Error {
}
/**
 * Runs attempts until one succeeds, one fails for good, the attempts run out or the signal aborts.
 * `runAttempt` gets the previous attempt's record (it decides how the next one starts).
 */
async function retryAttempts(plan, runAttempt, hooks) {
    const records = [];
    const random = hooks.random ?? Math.random;
    let waitMs = 0;
    try {
        await pRetry(async (attemptNumber) => {
            if (waitMs > 0)
                await (0,promises_namespaceObject.setTimeout)(waitMs, undefined, { signal: hooks.signal });
            const attempt = await runAttempt(attemptNumber, records.at(-1));
            const next = hooks.signal?.aborted ? STOP : nextStep(plan, attempt, waitMs, random);
            waitMs = next.kind === 'retry' ? next.waitMs : 0;
            const record = (0,build_report/* attemptRecord */.BX)(attempt, waitMs);
            records.push(record);
            if (next.kind === 'stop')
                return;
            hooks.onRetry(record);
            throw new RetryWanted();
        }, {
            retries: plan.maxAttempts - 1,
            // The wait is the input's own first step, so that p-retry adds none.
            minTimeout: 0,
            signal: hooks.signal,
            shouldRetry: ({ error }) => error instanceof RetryWanted,
        });
    }
    catch (error) {
        if (!hooks.signal?.aborted)
            return { records, internalError: error instanceof Error ? error : new Error(String(error)) };
    }
    return { records };
}

;// CONCATENATED MODULE: ./src/guard/guard.ts
// The whole guarded run, independent of where it runs (the action or the command line): the credential
// preflight, then attempts with retries, each watched, diagnosed and reviewed by the credentials, and
// the report built from what every stage returned.








/**
 * The session the next attempt continues: the previous attempt's, when it failed for a cause a retry can
 * fix after Claude Code had made progress in it (so that work is not done, and paid for, twice).
 */
function sessionToResume(settings, previous) {
    if (!settings.resumeOnRetry || settings.task.kind !== 'prompt' || previous === undefined)
        return undefined;
    if (previous.cause === 'none')
        return undefined;
    const { retry } = (0,catalogue/* causeOf */.rl)(previous.cause);
    if (retry !== 'backoff' && retry !== 'steady')
        return undefined;
    if (previous.sessionId === undefined || !SESSION_ID.test(previous.sessionId) || previous.replies === 0)
        return undefined;
    // The caller already steers sessions itself.
    if (settings.task.claudeArgs.some((arg) => SESSION_FLAGS.includes(arg)))
        return undefined;
    return previous.sessionId;
}
const SESSION_FLAGS = ['--resume', '-r', '--continue', '-c', '--session-id', '--fork-session'];
/**
 * Claude Code's session ids are UUIDs. The id comes from the stream, so anything else (a flag such as
 * `--dangerously-skip-permissions`) is never passed on to `--resume`.
 */
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 429s in a row that show a contended limit: the first call's, and its retry's at the retry-after. */
const CONTENDED_429S_TO_STOP = 2;
/** After an attempt that ended rate-limited, one 429 shows the limit is still contended. */
const STILL_CONTENDED_429S_TO_STOP = 1;
/**
 * The 429s in a row that stop attempt `number` so the retry loop's jittered wait can spread the jobs that
 * share a limit; none when no retry would follow. After an attempt that ended rate-limited the limit is
 * known to be contended, and Claude Code's own retry at the retry-after would rejoin the herd.
 */
function rateLimitedToStop(settings, number, previous) {
    if (number >= settings.maxAttempts || !(0,settings_settings/* isRetried */.mo)(settings.retryOn, 'rate-limited'))
        return undefined;
    return previous?.cause === 'rate-limited' ? STILL_CONTENDED_429S_TO_STOP : CONTENDED_429S_TO_STOP;
}
/** Why the signal aborted, for the report: the signal's name when it was one. */
function cancellation(signal) {
    if (!signal?.aborted)
        return undefined;
    const reason = signal.reason;
    return typeof reason === 'string' ? reason : 'aborted';
}
async function runGuard(settings, context) {
    const startedAt = context.startedAt ?? new Date();
    const { log } = context;
    const credentials = CredentialRun.of(settings, context);
    const reportOf = (attempts, { internalError, install } = {}) => (0,build_report/* buildReport */.FK)({
        settings,
        attempts,
        startedAt,
        credentials: credentials.report,
        cancelled: cancellation(context.signal),
        internalError,
        install,
        reportFile: context.reportFile,
    });
    const preflight = await credentials.startPreflight(true);
    if ('stop' in preflight)
        return reportOf([]);
    const prepared = context.prepare ? await context.prepare() : { env: context.env };
    // The API's answer to the preflight, while attempt 1 runs alongside it; taken by attempt 1 only.
    let pendingAnswer = preflight.answer;
    let stoppedByPreflight = false;
    const attempt = (number, { resumeSessionId, signal = context.signal, previous, } = {}) => {
        const command = attemptCommand(settings.task, resumeSessionId);
        const name = `attempt-${number}${resumeSessionId === undefined ? '' : '-resumed'}.${command.format === 'stream-json' ? 'jsonl' : 'log'}`;
        return runAttempt({
            command,
            cwd: (0,external_node_path_.resolve)(settings.workingDirectory),
            env: credentials.environment(prepared.env),
            timeoutMs: settings.timeoutMs,
            streamFile: context.runDir ? (0,external_node_path_.join)(context.runDir, name) : undefined,
            redactor: context.redactor,
            log,
            signal,
            observer: {
                // Read when an in-run retry comes: the preflight may still be waiting for the API when the attempt starts.
                get apiUnreachable() {
                    return credentials.apiUnreachable;
                },
                rateLimitedToStop: rateLimitedToStop(settings, number, previous),
            },
        });
    };
    /**
     * Attempt 1, while the preflight waits for the API: stopped as soon as the API refuses the credential
     * (the run then stops, as if it had never started), or started again when the fallback key takes over.
     */
    const alongsidePreflight = async (number, answer) => {
        const refused = new AbortController();
        const signal = context.signal ? AbortSignal.any([context.signal, refused.signal]) : refused.signal;
        // A failed check is reported where the answer is awaited, below.
        answer.then((verdict) => verdict !== 'go' && refused.abort('the preflight')).catch(() => undefined);
        const run = await attempt(number, { signal });
        // A success needs no verdict on its credential: the run does not wait for it.
        if (!refused.signal.aborted && (0,classify/* classify */.L)(run.observation, run.outcome) === undefined) {
            credentials.skipAnswer();
            return run;
        }
        const verdict = await answer;
        if (verdict === 'stop')
            stoppedByPreflight = true;
        return verdict === 'switched' ? attempt(number) : run;
    };
    /** Resumes the previous attempt's session when it can, and starts afresh when that session is gone. */
    const startAttempt = async (number, previous) => {
        const answer = pendingAnswer;
        pendingAnswer = undefined;
        if (answer)
            return alongsidePreflight(number, answer);
        const sessionId = sessionToResume(settings, previous);
        if (sessionId === undefined)
            return attempt(number, { previous });
        log.info(`Attempt ${number} continues session ${sessionId}.`);
        const resumed = await attempt(number, { resumeSessionId: sessionId, previous });
        if ((0,classify/* classify */.L)(resumed.observation, resumed.outcome)?.cause !== 'session-not-found') {
            return { ...resumed, resume: { sessionId, resumed: true } };
        }
        log.warning(`Session ${sessionId} cannot be found, so attempt ${number} starts afresh.`);
        return { ...(await attempt(number, { previous })), resume: { sessionId, resumed: false } };
    };
    const { records, internalError } = await retryAttempts({ maxAttempts: settings.maxAttempts, retryOn: settings.retryOn, wait: settings }, async (number, previous) => {
        log.startAttempt(`Attempt ${number} of ${settings.maxAttempts}`);
        let run;
        try {
            run = await startAttempt(number, previous);
        }
        finally {
            log.endAttempt();
        }
        // A run the preflight stopped ends here: no diagnosis means no retry, and its records are dropped.
        if (stoppedByPreflight)
            return { number, ...run, diagnosis: undefined };
        const diagnosis = (0,classify/* classify */.L)(run.observation, run.outcome);
        if (diagnosis === undefined)
            return { number, ...run, diagnosis };
        const review = await credentials.review(diagnosis, number);
        // Sources only: the evidence can hold the child's text, which belongs in the fenced transcript.
        const sources = [...new Set(review.diagnosis.evidence.map((item) => item.source))].join(', ');
        log.debug(`Attempt ${number}: ${(0,build_report/* causeTitle */.ev)(review.diagnosis.cause)}, from clues in ${sources}.`);
        return { number, ...run, diagnosis: review.diagnosis, withFallback: review.withFallback };
    }, {
        signal: context.signal,
        onRetry: (record) => {
            if (record.cause === 'none')
                return;
            const why = record.retryAfterMs === undefined ? '' : ` (the API asked for ${(record.retryAfterMs / 1000).toFixed(1)} s)`;
            log.warning(`Attempt ${record.number} of ${settings.maxAttempts} failed: ${(0,build_report/* causeTitle */.ev)(record.cause)}. Retrying${record.withFallback ? ' with fallback-api-key' : ''} in ${(record.waitAfterMs / 1000).toFixed(1)} s${why}.`);
        },
    });
    return reportOf(stoppedByPreflight ? [] : records, { internalError: internalError?.message, install: prepared.install });
}


/***/ }),

/***/ 179:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Jm: () => (/* binding */ claudeCheck),
/* harmony export */   XG: () => (/* binding */ environmentChecks)
/* harmony export */ });
/* unused harmony export runnerFinding */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _install_claude_install_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(943);
// Facts about this machine that decide whether Claude Code can run: where the API is, any proxy, and
// whether the Claude Code executable is there and starts.


/** Why this machine cannot run the action at all, if it cannot: process groups and signals are POSIX. */
function runnerFinding(platform) {
    if (platform !== 'win32')
        return undefined;
    return { cause: 'runner-unsupported', evidence: [{ source: 'process', text: `this runner's platform is ${platform}` }] };
}
function environmentChecks(env) {
    const proxy = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
    return [
        {
            name: 'API',
            status: 'info',
            detail: env.ANTHROPIC_BASE_URL ? `ANTHROPIC_BASE_URL=${env.ANTHROPIC_BASE_URL}` : 'https://api.anthropic.com (default)',
        },
        ...(proxy ? [{ name: 'proxy', status: 'info', detail: proxy.replace(/\/\/[^@/]*@/, '//***@') }] : []),
        { name: 'node', status: 'info', detail: `${process.version} on ${process.platform}-${process.arch}` },
    ];
}
const VERSION_TIMEOUT_MS = 15_000;
async function claudeCheck(claudePath, env) {
    const name = 'Claude Code';
    const executable = (0,_install_claude_install_js__WEBPACK_IMPORTED_MODULE_1__/* .findExecutable */ .oq)(claudePath, env.PATH);
    if (!executable) {
        return { name, status: 'fail', cause: 'claude-not-found', detail: `${claudePath} is not on the PATH.` };
    }
    return new Promise((resolve) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)(executable, ['--version'], { env, timeout: VERSION_TIMEOUT_MS }, (error, stdout) => {
            if (error)
                resolve({ name, status: 'fail', cause: 'claude-not-found', detail: `${executable} --version failed: ${error.message}` });
            else
                resolve({ name, status: 'ok', detail: `${stdout.trim()} at ${executable}` });
        });
    });
}


/***/ }),

/***/ 943:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   oq: () => (/* binding */ findExecutable)
/* harmony export */ });
/* unused harmony exports shouldInstall, installClaude */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _credentials_credential_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(333);
// Installs Claude Code with npm into the runner's tool cache (or its temp folder) and reuses an install
// that is already there. Each version gets its own folder, filled in a staging folder and renamed into
// place, so a crashed or concurrent install never leaves a half-filled folder that looks complete.
// npm's network failures are retried with p-retry; npm honours the runner's own npm configuration
// (registry, proxy), which is also how the tests point it at a local package source.







const CLAUDE_PACKAGE = '@anthropic-ai/claude-code';
/** The command the package provides; `auto` only installs when `claude-path` is this name. */
const CLAUDE_COMMAND = 'claude';
/** The executable `name` resolves to on `path`, if any (a name with a slash is checked as it is). */
function findExecutable(name, path) {
    const candidates = name.includes('/')
        ? [name]
        : (path ?? '')
            .split(node_path__WEBPACK_IMPORTED_MODULE_4__.delimiter)
            .filter(Boolean)
            .map((dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, name));
    return candidates.find((candidate) => {
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.accessSync)(candidate, node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.X_OK);
            return true;
        }
        catch {
            return false;
        }
    });
}
function shouldInstall(install, env) {
    if (install.mode !== 'auto')
        return install.mode === 'true';
    return install.claudePath === CLAUDE_COMMAND && findExecutable(CLAUDE_COMMAND, env.PATH) === undefined;
}
class NpmError extends Error {
    args;
    output;
    constructor(args, output) {
        super(`npm ${args[0]} failed: ${output.trim().split('\n').slice(-6).join('\n') || 'no output'}`);
        this.args = args;
        this.output = output;
    }
}
/** npm's own words for a failure that another try can get past. */
const NETWORK_FAILURE = /\b(?:ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|ERR_SOCKET_TIMEOUT|E429|E5\d\d)\b|socket hang up|network/i;
const NPM_TIMEOUT_MS = (/* unused pure expression or super */ null && (5 * 60_000));
function npm(args, cwd, env) {
    return new Promise((resolve, reject) => {
        execFile('npm', args, 
        // npm and the package's install script get no credential and nothing the runner hands the action alone.
        {
            cwd,
            env: { ...environmentFor(env, undefined), npm_config_update_notifier: 'false' },
            timeout: NPM_TIMEOUT_MS,
            maxBuffer: 16 * 1024 * 1024,
        }, (error, stdout, stderr) => (error ? reject(new NpmError(args, `${stderr}\n${error.message}`)) : resolve(stdout)));
    });
}
function withRetries(task, options) {
    return pRetry(task, {
        retries: options.retries ?? 3,
        minTimeout: options.retryWaitMs ?? 5_000,
        shouldRetry: ({ error }) => error instanceof NpmError && NETWORK_FAILURE.test(error.output),
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
            if (retriesLeft > 0 && error instanceof NpmError && NETWORK_FAILURE.test(error.output)) {
                options.warning(`Installing Claude Code: try ${attemptNumber} failed on a network error; retrying. ${error.message}`);
            }
        },
    });
}
function installedVersion(directory) {
    try {
        const manifest = join(directory, 'node_modules', ...CLAUDE_PACKAGE.split('/'), 'package.json');
        return JSON.parse(readFileSync(manifest, 'utf8')).version;
    }
    catch {
        return undefined;
    }
}
const binDirectory = (directory) => join(directory, 'node_modules', '.bin');
async function exactVersion(requested, options) {
    if (requested !== 'latest')
        return requested;
    const out = await withRetries(() => npm(['view', `${CLAUDE_PACKAGE}@latest`, 'version'], tmpdir(), options.env), options);
    return out.trim();
}
async function installInto(directory, version, options) {
    const staging = `${directory}.partial-${randomUUID().slice(0, 8)}`;
    mkdirSync(staging, { recursive: true });
    try {
        // The package fetches its native binary in a postinstall script; newer npm runs only allowed scripts.
        const manifest = { private: true, dependencies: { [CLAUDE_PACKAGE]: version }, allowScripts: { [CLAUDE_PACKAGE]: true } };
        writeFileSync(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
        await withRetries(() => npm(['install', '--no-audit', '--no-fund', '--loglevel=error'], staging, options.env), options);
        try {
            renameSync(staging, directory);
        }
        catch (error) {
            // Another job on this runner finished the same install first: use theirs.
            if (installedVersion(directory) !== version)
                throw error;
        }
    }
    finally {
        rmSync(staging, { recursive: true, force: true });
    }
}
/** The folder that holds installs: the runner's tool cache, else its temp folder, else the system's. */
function installRoot(env) {
    return join(env.RUNNER_TOOL_CACHE || env.RUNNER_TEMP || tmpdir(), 'claude-code');
}
/**
 * Installs (or reuses) Claude Code and returns the environment for the attempts, with it first on the
 * PATH. A failed install is reported, not thrown: the attempt then diagnoses the missing executable.
 */
async function installClaude(install, options) {
    const started = Date.now();
    const record = { requested: install.version, reused: false, durationMs: 0 };
    try {
        const version = await exactVersion(install.version, options);
        const directory = join(installRoot(options.env), version, process.arch);
        record.reused = installedVersion(directory) === version && existsSync(join(binDirectory(directory), CLAUDE_COMMAND));
        if (!record.reused) {
            options.info(`Installing Claude Code ${version} into ${directory} …`);
            await installInto(directory, version, options);
        }
        record.version = installedVersion(directory);
        record.directory = directory;
        record.durationMs = Date.now() - started;
        options.info(`Claude Code ${record.version ?? '?'} ${record.reused ? 'reused from' : 'installed in'} ${directory}.`);
        const path = [binDirectory(directory), options.env.PATH].filter(Boolean).join(delimiter);
        return { record, env: { ...options.env, PATH: path } };
    }
    catch (error) {
        record.durationMs = Date.now() - started;
        record.error = error instanceof Error ? error.message : String(error);
        options.warning(`Installing Claude Code ${install.version} failed: ${record.error}`);
        return { record, env: options.env };
    }
}


/***/ }),

/***/ 231:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ abortOnCancelSignals)
/* harmony export */ });
// The runner cancels a job by sending SIGINT, then SIGTERM a few seconds later, then SIGKILL. Both
// signals become one abort, so the attempt's process group is stopped at once and the action still
// has time to write its report and summary; the action itself does not die of them.
const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM'];
/**
 * Aborts `controller` with the signal's name on the first cancel signal; later ones are only reported.
 * Returns a function that removes the handlers (once the report is written, a signal may end the process).
 */
function abortOnCancelSignals(controller, onSignal) {
    const handler = (signal) => {
        onSignal(signal);
        if (!controller.signal.aborted)
            controller.abort(signal);
    };
    for (const name of CANCEL_SIGNALS)
        process.on(name, handler);
    return () => {
        for (const name of CANCEL_SIGNALS)
            process.off(name, handler);
    };
}


/***/ }),

/***/ 519:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Fy: () => (/* binding */ textLines),
/* harmony export */   bM: () => (/* binding */ hasLineLongerThan),
/* harmony export */   g3: () => (/* binding */ LineSplitter)
/* harmony export */ });
// Splits a byte stream into whole lines as it arrives, with bounded memory, and passes them on in blocks
// of bytes: all the whole lines of a chunk at once, each ending in `\n`. A chatty child then costs one
// call per chunk, not one per line, and nothing is decoded that nobody reads (a newline byte never occurs
// inside a UTF-8 character, so a block always decodes whole). A line longer than the limit is passed on
// in pieces. Each block says whether it is the input's bytes as they came (`verbatim`), so that a copy of
// the input already on disk can stand for them.
/** Longest line kept whole (a big stream-json event); longer ones are passed on in pieces. */
const LINE_PIECE_BYTES = 16 * 1024 * 1024;
const NEWLINE = 0x0a;
class LineSplitter {
    onLines;
    maxLineBytes;
    pending = [];
    pendingBytes = 0;
    /**
     * `onLines` gets one or more whole lines, each ending in `\n`, and whether they are the input's next
     * bytes unchanged: not so for the pieces of a long line, nor for a last line given a newline at the end.
     */
    constructor(onLines, maxLineBytes = LINE_PIECE_BYTES) {
        this.onLines = onLines;
        this.maxLineBytes = maxLineBytes;
    }
    push(chunk) {
        const last = chunk.lastIndexOf(NEWLINE);
        if (last === -1) {
            this.keep(chunk);
            return;
        }
        // Only the line that began in an earlier chunk is copied together; the rest passes on as it is.
        const first = this.pendingBytes === 0 ? -1 : chunk.indexOf(NEWLINE);
        if (first !== -1)
            this.emit(Buffer.concat([...this.takePending(), chunk.subarray(0, first + 1)]));
        if (first < last)
            this.emit(chunk.subarray(first + 1, last + 1));
        if (last + 1 < chunk.length)
            this.keep(chunk.subarray(last + 1));
    }
    end() {
        if (this.pendingBytes > 0)
            this.onLines(Buffer.concat([...this.takePending(), Buffer.from('\n')]), false);
    }
    emit(lines) {
        const long = hasLineLongerThan(lines, this.maxLineBytes);
        this.onLines(long ? cutLongLines(lines, this.maxLineBytes) : lines, !long);
    }
    keep(part) {
        this.pending.push(part);
        this.pendingBytes += part.length;
        while (this.pendingBytes >= this.maxLineBytes) {
            const line = Buffer.concat(this.takePending());
            this.onLines(Buffer.concat([line.subarray(0, this.maxLineBytes), Buffer.from('\n')]), false);
            if (line.length > this.maxLineBytes)
                this.keep(line.subarray(this.maxLineBytes));
        }
    }
    takePending() {
        const parts = this.pending;
        this.pending = [];
        this.pendingBytes = 0;
        return parts;
    }
}
/**
 * Whether a line of the block is longer than `max` bytes. It jumps from the last newline within `max`
 * bytes of a line's start to the next, so a block of short lines costs one search per `max` bytes, not
 * one per line, and nothing at all for a block no longer than `max`.
 */
function hasLineLongerThan(block, max) {
    for (let start = 0; block.length - start > max;) {
        const end = block.lastIndexOf(NEWLINE, start + max);
        if (end < start)
            return true;
        start = end + 1;
    }
    return false;
}
/** Each line over `max` bytes becomes pieces of `max`, one per line. */
function cutLongLines(block, max) {
    const pieces = [];
    for (let start = 0; start < block.length;) {
        const end = block.indexOf(NEWLINE, start);
        for (let at = start; at < end; at += max)
            pieces.push(block.subarray(at, Math.min(at + max, end)), Buffer.from('\n'));
        if (end === start)
            pieces.push(Buffer.from('\n'));
        start = end + 1;
    }
    return Buffer.concat(pieces);
}
/** The lines of a block as text, without their newlines and a `\r` before them. */
function textLines(block) {
    const text = block.toString('utf8');
    const lines = text.split('\n');
    if (lines.at(-1) === '')
        lines.pop();
    return text.includes('\r') ? lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line)) : lines;
}


/***/ }),

/***/ 825:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ fixLines),
/* harmony export */   Fl: () => (/* binding */ describeInstall),
/* harmony export */   IN: () => (/* binding */ evidenceToShow),
/* harmony export */   N0: () => (/* binding */ credentialWarnings),
/* harmony export */   Pl: () => (/* binding */ headline),
/* harmony export */   Pr: () => (/* binding */ meaningOf),
/* harmony export */   UF: () => (/* binding */ href),
/* harmony export */   Vy: () => (/* binding */ describeModel),
/* harmony export */   YA: () => (/* binding */ seconds),
/* harmony export */   cu: () => (/* binding */ rateLimitWarning),
/* harmony export */   eh: () => (/* binding */ CAUSES_DOC_URL),
/* harmony export */   fD: () => (/* binding */ modelName),
/* harmony export */   fF: () => (/* binding */ KEEP_REPORT_URL),
/* harmony export */   jc: () => (/* binding */ fixFor),
/* harmony export */   nG: () => (/* binding */ causeOfReport),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   pI: () => (/* binding */ runFacts),
/* harmony export */   pj: () => (/* binding */ plain),
/* harmony export */   qq: () => (/* binding */ contextWindow),
/* harmony export */   rk: () => (/* binding */ speaksWorkflow),
/* harmony export */   t8: () => (/* binding */ describeCredential),
/* harmony export */   tN: () => (/* binding */ SOURCE_NAMES),
/* harmony export */   v_: () => (/* binding */ attemptRows),
/* harmony export */   wj: () => (/* binding */ renderContext)
/* harmony export */ });
/* unused harmony exports option, headlineText, EVIDENCE_ITEMS, EVIDENCE_CHARS, readableTime */
/* harmony import */ var _credentials_credential_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(333);
/* harmony import */ var _diagnosis_catalogue_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(752);
/* harmony import */ var _claude_stream_events_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(104);
/* harmony import */ var _report_build_report_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(417);
// The pieces every view of a report shares (the job summary, the pull request comment, the terminal):
// the headline (title, what happened, why the run stopped), the fix for the report's cause, the evidence
// to show, the attempts as rows, durations, the install line, links. Pure. The pieces speak in `Inline`
// parts, which each view writes its own way: Markdown escapes what came from Claude Code, the terminal
// prints it as it is.




/**
 * The links' context from the environment. The action is always read in Actions; the command line only
 * when GITHUB_ACTIONS says it runs in a job.
 */
function renderContext(env, where) {
    return {
        serverUrl: env.GITHUB_SERVER_URL,
        repository: env.GITHUB_REPOSITORY,
        where: where ?? (env.GITHUB_ACTIONS === 'true' ? 'actions' : 'terminal'),
    };
}
/** The parts as plain text: for a terminal, or to compare. */
const plain = (parts) => parts.map((part) => (typeof part === 'string' ? part : 'text' in part ? part.text : `\`${part.code}\``)).join('');
function href(target, context) {
    if (target.kind === 'url')
        return target.url;
    if (!context.repository)
        return undefined;
    return `${context.serverUrl ?? 'https://github.com'}/${context.repository}/settings/secrets/actions`;
}
/** This project's home, for the links to its docs. */
const PROJECT_URL = _diagnosis_catalogue_js__WEBPACK_IMPORTED_MODULE_1__/* .LINKS */ .A.issues.target.url.replace(/\/issues$/, '');
const CAUSES_DOC_URL = (cause) => `${PROJECT_URL}/blob/main/docs/causes.md#${cause}`;
const KEEP_REPORT_URL = `${PROJECT_URL}/blob/main/docs/how-it-works.md#keeping-the-report`;
/** The cause a report stands for: its own, or the input or internal error that kept it from running. */
function causeOfReport(report) {
    if (report.inputError)
        return 'input-invalid';
    if (report.internalError !== undefined)
        return 'internal-error';
    return report.cause;
}
/** The fix for a failed report's cause, in the variant its evidence calls for. */
function fixFor(report, context) {
    const cause = causeOfReport(report);
    const { organizationId, ...facts } = report.credentials?.fixFacts ?? {};
    return (0,_diagnosis_catalogue_js__WEBPACK_IMPORTED_MODULE_1__/* .causeOf */ .rl)(cause === 'none' ? report.cause : cause).fix({
        ...facts,
        // The API's id is code in the fix, never words: in a comment, words such as `@name` would notify someone.
        ...(organizationId ? { organizationId: `\`${organizationId}\`` } : {}),
        where: context.where,
        ...(report.resetsAt ? { resetsAt: report.resetsAt } : {}),
        ...(report.inputError ? { input: report.inputError.input } : {}),
    });
}
/** Fix steps, numbered, each followed by its link as `link` writes it. */
function fixLines(steps, context, link = (label, url) => ` (${label}${url ? `: ${url}` : ''})`) {
    return steps.map((step, index) => {
        const suffix = step.link ? link(step.link.label, href(step.link.target, context)) : '';
        return `${index + 1}. ${step.text}${suffix}`;
    });
}
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** A duration as a person says it: 4.2 s, 3 min 12 s, 1 h 5 min. */
function duration(ms) {
    if (ms < 60_000)
        return seconds(ms);
    const totalSeconds = Math.round(ms / 1000);
    if (totalSeconds < 3600)
        return `${Math.floor(totalSeconds / 60)} min ${totalSeconds % 60} s`;
    return `${Math.floor(totalSeconds / 3600)} h ${Math.floor((totalSeconds % 3600) / 60)} min`;
}
function describeInstall(install, withDirectory = true) {
    if (install.error !== undefined)
        return `Installing Claude Code ${install.requested} failed: ${install.error}`;
    const version = install.version ?? install.requested;
    if (!withDirectory) {
        return install.reused
            ? `Claude Code ${version}, reused from an earlier install on this runner`
            : `Claude Code ${version} installed in ${seconds(install.durationMs)}`;
    }
    const how = install.reused ? 'reused from' : `installed in ${seconds(install.durationMs)} into`;
    return `Claude Code ${version} ${how} ${install.directory ?? '?'}`;
}
/** An input as the reader sets it: the step's input, or the command line's option. */
const option = (name, context) => context.where === 'actions' ? `\`${name}\`` : `\`--${name}\``;
/**
 * Text that only makes sense inside GitHub Actions (secrets expressions, forks, the job's limits): the
 * terminal leaves it out. The checks and the evidence are written for Actions; this keeps them off a laptop.
 */
const speaksWorkflow = (text) => /\$\{\{|\bforks?\b|\bDependabot\b|\bworkflow\b|\bthe job(?:’|'|)s?\b|`with:`|\bthe inputs? `?[a-z]+-[a-z]/i.test(text);
/** The catalogue's meanings speak of the job; on a laptop these read better. */
const TERMINAL_MEANINGS = {
    'input-invalid': 'An option has a value claude-code-guard cannot use, so nothing was run.',
    'internal-error': 'claude-code-guard itself failed: this is a bug in it, not in your setup or your key.',
    'api-key-missing': 'No credential reached Claude Code: there is no API key or token in this shell’s environment.',
    'network-error': 'The connection to the API failed or timed out (refused, reset, DNS, TLS, proxy); the network, a proxy or ANTHROPIC_BASE_URL is the usual suspect.',
    timeout: 'A time limit stopped the run: `--timeout-minutes`, a wrapper’s own limit, or a watchdog that saw no activity.',
    cancelled: 'The run was cancelled (Ctrl-C or a signal); the attempt was stopped with every process it started.',
};
function meaningOf(cause, context) {
    return (context.where === 'terminal' ? TERMINAL_MEANINGS[cause.id] : undefined) ?? cause.meaning;
}
/** "The API refused…" as the second half of a sentence; names ("Claude Code…") stay as they are. */
const lowerFirst = (text) => text.replace(/^(The|A|An|It|This)\b/, (word) => word.toLowerCase());
const distinct = (items) => [...new Set(items)];
/** The headline as one line of plain text: the title, the cause id, what happened, and the error if any. */
function headlineText(report, context) {
    const head = headline(report, context);
    const id = head.cause ? ` (${head.cause.id})` : '';
    const happened = plain(head.happened);
    const error = head.error === undefined ? '' : `The error: ${head.error.replace(/\.?$/, '.')}`;
    return [`${plain(head.title)}${id}${happened ? ':' : '.'}`, happened, error].filter(Boolean).join(' ');
}
/** Where a diagnosed run came from, as the start of a sentence; in a job the path is in the folded details. */
function diagnosedFrom(report, context) {
    if (context.where === 'actions')
        return ['Diagnosed the run from its log'];
    if (!report.logFile || report.logFile === 'standard input')
        return ['Diagnosed from standard input'];
    return ['Diagnosed the saved log ', { code: report.logFile }];
}
/** A diagnosis with no log to read: only the credential and the environment were checked. */
const checkedOnly = (report) => report.mode === 'diagnose' && report.attempts.length === 0;
/** What a check with nothing run found right, in a sentence: which credential, and what the API said of it. */
function checkedSentence(report) {
    const credentials = report.credentials;
    if (credentials?.provider) {
        return {
            title: 'Nothing to check with the Anthropic API',
            happened: [`Claude Code uses ${credentials.provider}: the Anthropic API checks do not apply. Nothing was run.`],
        };
    }
    const used = credentials?.credentials.find((print) => print.role === 'used');
    const answered = (purpose) => credentials?.probes.some((probe) => probe.purpose === purpose && probe.status === 200) === true;
    const found = [
        answered('preflight') ? 'the API accepts it' : undefined,
        answered('credit') ? 'a one-token request with it succeeded, so it can spend' : undefined,
    ].filter((part) => part !== undefined);
    const who = used ? ['Checked the ', ...describeCredential(used).slice(0, 2)] : ['Checked the environment'];
    const title = answered('credit')
        ? 'The credential can spend'
        : answered('preflight')
            ? 'The API accepts the credential'
            : 'Nothing wrong found';
    return { title, happened: [...who, found.length > 0 ? `: ${found.join(', and ')}.` : '.', ' Nothing was run.'] };
}
function successHeadline(report, context) {
    const count = report.attempts.length;
    if (checkedOnly(report)) {
        const { title, happened } = checkedSentence(report);
        return { ok: true, title: [title], happened };
    }
    if (report.mode === 'diagnose') {
        const title = context.where === 'actions' ? 'The diagnosed run succeeded' : 'Claude Code succeeded';
        return { ok: true, title: [title], happened: [...diagnosedFrom(report, context), ': Claude Code ended without an error.'] };
    }
    const switched = report.credentials?.switchedToFallback;
    const title = [
        `Claude Code succeeded${count > 1 ? ` after ${count} attempts` : ''}${switched ? ', with `fallback-api-key`' : ''}`,
    ];
    if (count <= 1)
        return { ok: true, title, happened: [] };
    const failed = report.attempts.slice(0, -1);
    const titles = distinct(failed.map((attempt) => (attempt.cause === 'none' ? 'no cause' : (0,_diagnosis_catalogue_js__WEBPACK_IMPORTED_MODULE_1__/* .causeOf */ .rl)(attempt.cause).title)));
    const which = failed.length === 1 ? 'Attempt 1 failed' : `Attempts 1 to ${failed.length} failed`;
    const fallback = switched && switched.afterAttempt > 0 ? ' with `fallback-api-key`' : '';
    return { ok: true, title, happened: [`${which} (${titles.join(', then ')}); attempt ${count} succeeded${fallback}.`] };
}
/** Why a run that failed stopped where it did, for people. */
function stopSentence(report, last, context) {
    if (report.cause === 'cancelled')
        return report.stopReason;
    const of = `${last.number} of ${report.maxAttempts}`;
    if (last.number >= report.maxAttempts) {
        if (last.number > 1)
            return `All ${last.number} attempts failed.`;
        return `It was the only attempt: ${option('max-attempts', context)} is 1.`;
    }
    const cause = last.cause === 'none' ? undefined : (0,_diagnosis_catalogue_js__WEBPACK_IMPORTED_MODULE_1__/* .causeOf */ .rl)(last.cause);
    if (cause?.retry === 'backoff' || cause?.retry === 'steady') {
        return `Attempt ${of} failed and was not retried: ${option('retry-on', context)} leaves this cause out.`;
    }
    if (cause?.retry === 'other-credential') {
        return report.credentials?.switchedToFallback
            ? `Attempt ${of} failed with \`fallback-api-key\` too, so no credential was left to try.`
            : `Attempt ${of} failed and was not retried: the same credential would fail the same way.`;
    }
    return `Attempt ${of} failed and was not retried: a retry cannot fix this.`;
}
/** The error finding of the credential check that stopped the run, when its text is the first evidence. */
function stoppingFinding(credentials) {
    const first = credentials?.stop?.evidence[0]?.text;
    const findings = credentials?.checks.flatMap((check) => check.findings) ?? [];
    return findings.find((finding) => finding.severity === 'error' && finding.text === first)?.text;
}
/** The one headline logic: title, what happened, why it stopped. */
function headline(report, context) {
    if (report.conclusion === 'success')
        return successHeadline(report, context);
    const id = causeOfReport(report);
    if (id === 'none')
        return { ok: false, title: ['Failed'], happened: [report.stopReason] };
    const cause = (0,_diagnosis_catalogue_js__WEBPACK_IMPORTED_MODULE_1__/* .causeOf */ .rl)(id);
    const meaning = meaningOf(cause, context);
    if (report.inputError) {
        return {
            ok: false,
            cause,
            title: [`${cause.title} `, { code: report.inputError.input }],
            happened: [{ text: report.inputError.message }, ' Nothing was run.'],
        };
    }
    if (report.internalError !== undefined)
        return { ok: false, cause, title: [cause.title], happened: [meaning], error: report.internalError };
    if (checkedOnly(report)) {
        return {
            ok: false,
            cause,
            title: [cause.title],
            happened: [`Checked the credential and the environment; nothing was run. ${cause.checkedMeaning ?? meaning}`],
        };
    }
    if (report.mode === 'diagnose') {
        return { ok: false, cause, title: [cause.title], happened: [...diagnosedFrom(report, context), `: ${lowerFirst(meaning)}`] };
    }
    const last = report.attempts.at(-1);
    if (!last) {
        const finding = stoppingFinding(report.credentials);
        // The check's own sentence, unless it speaks of the workflow to a terminal.
        if (finding && !(context.where === 'terminal' && speaksWorkflow(finding))) {
            return { ok: false, cause, title: [cause.title], happened: [finding, ` ${(0,_report_build_report_js__WEBPACK_IMPORTED_MODULE_2__/* .claudeStopped */ .ue)(report.credentials)}`] };
        }
        const found = !report.credentials?.stop
            ? ''
            : report.credentials.stoppedAttempt
                ? ' The credential check found it while Claude Code was starting, and stopped Claude Code at once.'
                : ' The check before the first attempt found it, so Claude Code was not started.';
        return { ok: false, cause, title: [cause.title], happened: [`${meaning}${found || ' Nothing was run.'}`] };
    }
    return { ok: false, cause, title: [cause.title], happened: [`${meaning} ${stopSentence(report, last, context)}`] };
}
/** Evidence shown in full at most; the report file keeps the rest. */
const EVIDENCE_ITEMS = 12;
const EVIDENCE_CHARS = 1500;
/** The evidence of a failure: the last failed attempt's, or the credential check's; none for a success. */
function evidenceToShow(report, context) {
    if (report.conclusion === 'success' || report.inputError || report.internalError !== undefined)
        return undefined;
    const failed = report.attempts.findLast((attempt) => attempt.cause !== 'none');
    let from;
    let items;
    if (failed) {
        from = report.mode === 'diagnose' ? 'from the log' : `attempt ${failed.number}`;
        items = failed.evidence;
    }
    else {
        const stop = report.credentials?.stop ?? report.finding;
        if (!stop)
            return undefined;
        // The finding the headline already says is not said again.
        const said = stoppingFinding(report.credentials);
        from = report.mode === 'diagnose' ? 'the environment' : 'before the first attempt';
        items = stop.evidence.filter((item) => item.text !== said);
    }
    const readable = context.where === 'terminal' ? items.filter((item) => !speaksWorkflow(item.text)) : items;
    const shown = readable.slice(0, EVIDENCE_ITEMS).map((item) => ({
        ...item,
        text: item.text.length > EVIDENCE_CHARS ? `${item.text.slice(0, EVIDENCE_CHARS)} …` : item.text,
    }));
    if (shown.length === 0)
        return undefined;
    return { from, items: shown, omitted: items.length - shown.length };
}
/** Where each piece of evidence was seen, in words. */
const SOURCE_NAMES = {
    result: 'result',
    assistant: 'Claude Code',
    api_retry: 'API retry',
    rate_limit: 'rate limit',
    stdout: 'stdout',
    stderr: 'stderr',
    output: 'output',
    process: 'process',
    preflight: 'check',
    probe: 'API check',
    log: 'log',
};
/** What stopped an attempt the action stopped, next to its exit code: not a crash of Claude Code. */
const STOPPED = {
    early: 'stopped by the action: waiting inside the run would not help',
    timeout: 'stopped by the action at timeout-minutes',
    cancelled: 'stopped by the action: the run was cancelled',
};
/** The exit cell: the code or the signal, and why the action stopped the process when it did. */
function exitText(attempt) {
    const ended = attempt.signal === null
        ? String(attempt.exitCode ?? '–')
        : attempt.exitCode === null
            ? `killed (${attempt.signal})`
            : `${attempt.exitCode} (${attempt.signal})`;
    // The exit code of a process the action stopped is the stop's, not Claude Code's: only the why is said.
    return attempt.stopped === undefined ? ended : STOPPED[attempt.stopped];
}
function attemptRows(report) {
    const resumes = report.attempts.some((attempt) => attempt.resume);
    return report.attempts.map((attempt, index) => {
        const next = report.attempts[index + 1];
        const wait = attempt.waitAfterMs > 0 ? `retried after ${duration(attempt.waitAfterMs)}` : 'retried at once';
        const session = attempt.resume ? { code: attempt.resume.sessionId.slice(0, 8) } : undefined;
        return {
            number: attempt.number,
            ok: attempt.cause === 'none',
            cause: attempt.cause,
            result: attempt.cause === 'none' ? 'Succeeded' : (0,_diagnosis_catalogue_js__WEBPACK_IMPORTED_MODULE_1__/* .causeOf */ .rl)(attempt.cause).title,
            exit: exitText(attempt),
            stopped: attempt.stopped !== undefined,
            duration: duration(attempt.durationMs),
            ...(resumes
                ? {
                    started: !session
                        ? ['afresh']
                        : attempt.resume?.resumed
                            ? ['continued session ', session]
                            : ['afresh: session ', session, ' not found'],
                }
                : {}),
            then: next ? [wait, next.withFallback || attempt.withFallback ? ' with `fallback-api-key`' : ''] : [],
        };
    });
}
/** A model id without Claude Code's `[1m]`-style suffix. */
const modelName = (model) => model.replace(/\[\d+[km]\]$/i, '');
/** The context window Claude Code's `[1m]`-style suffix asks for, as `1M`; undefined without one. */
function contextWindow(model) {
    const match = /\[(\d+)([km])\]$/i.exec(model);
    return match ? `${match[1]}${match[2].toUpperCase()}` : undefined;
}
/** A model id, with Claude Code's `[1m]`-style suffix said in words. */
function describeModel(model) {
    const size = contextWindow(model);
    if (!size)
        return [{ code: model }];
    return [{ code: modelName(model) }, ` with the ${size}-token context window (Claude Code writes it `, { code: model }, ')'];
}
const count = (n) => n.toLocaleString('en-US');
/** An ISO 8601 time as a person reads it: `2026-12-04 21:39 UTC`. */
const readableTime = (iso) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
/**
 * The one line about a subscription window that is nearly used up (Claude Code's `allowed_warning`, or a
 * threshold passed), on success as well; undefined when there is nothing to warn of. A window that
 * refused the run is the usage-limit diagnosis itself.
 */
function rateLimitWarning(report) {
    const state = report.rateLimit;
    if (!state || state.status === 'rejected')
        return undefined;
    if (state.status !== 'allowed_warning' && state.surpassedThreshold === undefined)
        return undefined;
    const used = state.utilization === undefined ? 'nearly used up' : `${Math.round(state.utilization * 100)}% used`;
    const resets = state.resetsAt ? ` and resets at ${readableTime(state.resetsAt)}` : '';
    const overage = state.overage ? '; extra usage is paying for requests' : '';
    return `The Claude subscription’s ${(0,_claude_stream_events_js__WEBPACK_IMPORTED_MODULE_3__/* .windowName */ .qN)(state.window)} window is ${used}${resets}${overage}.`;
}
function runFacts(report) {
    const last = report.attempts.at(-1);
    const wall = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
    return {
        ...(report.attempts.some((attempt) => attempt.costUsd !== undefined) ? { cost: `$${report.totalCostUsd.toFixed(4)}` } : {}),
        ...(report.usage ? { tokens: `${count(report.usage.input)} in, ${count(report.usage.output)} out` } : {}),
        ...(last?.turns !== undefined ? { turns: last.turns } : {}),
        durationMs: report.mode === 'diagnose' || !Number.isFinite(wall) ? (last?.durationMs ?? 0) : wall,
        ...(report.sessionId ? { session: report.sessionId } : {}),
        ...(last?.model ? { model: last.model } : {}),
    };
}
/** A credential's fingerprint as parts: kind, source, length, ends, short hash; never the key. */
function describeCredential(print) {
    const ends = print.first !== undefined ? [' · ', { code: `${print.first}…${print.last ?? ''}` }] : [];
    return [
        `${_credentials_credential_js__WEBPACK_IMPORTED_MODULE_0__/* .KIND_NAMES */ .kd[print.kind]} from `,
        { code: print.source },
        ` · ${print.length} characters`,
        ...ends,
        ' · sha256 ',
        { code: print.sha256 },
    ];
}
/** What about the credentials is worth a warning on a run that succeeded; `probes` counts the API checks that failed too. */
function credentialWarnings(credentials, probes = true) {
    if (!credentials)
        return [];
    const findings = credentials.checks.flatMap((check) => check.findings).filter((finding) => finding.severity !== 'note');
    const unanswered = probes ? credentials.probes.filter((probe) => probe.status === undefined || probe.status >= 400) : [];
    return [
        ...(findings.length > 0 ? [`${findings.length} ${findings.length === 1 ? 'warning' : 'warnings'}`] : []),
        ...(credentials.conflicts.length > 0
            ? [`${credentials.conflicts.length} ${credentials.conflicts.length === 1 ? 'conflict' : 'conflicts'}`]
            : []),
        ...(unanswered.length > 0 ? [`${unanswered.length} API ${unanswered.length === 1 ? 'check' : 'checks'} failed`] : []),
        ...(credentials.switchedToFallback ? ['switched to the fallback key'] : []),
    ];
}


/***/ }),

/***/ 674:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Br: () => (/* binding */ renderSummary)
});

// UNUSED EXPORTS: SUMMARY_LIMIT_BYTES, renderFallbackSummary

;// CONCATENATED MODULE: ./src/render/markdown.ts
// GitHub Flavored Markdown, written to read well raw and to show untrusted text literally: the job
// summary and the pull request comment are built from these. Text from Claude Code's output goes through
// `mdText` or `mdCode` (nothing in it can become markup); the action's own text, whose `backticks` mark
// code, through `mdOwn`. HTML appears only for `<details>`. Pure.
/** Characters GFM may read as markup anywhere in a line. */
const ALWAYS = /[\\`*[\]|~]/g;
/** Block markers that count only where a line (or a list item) begins. */
const LINE_START = /^(\s*)(#|>|-|\+|=|(\d{1,9})([.)]))/;
/** Escapes text so that GFM shows it as it is, on one line. Plain punctuation (`'`, `.`, `(`) stays as it is. */
function mdText(text, options = {}) {
    let out = text
        .replace(/\r?\n|\r/g, ' ')
        .replace(ALWAYS, (char) => `\\${char}`)
        // Two dollars can open math on GitHub; one cannot.
        .replace(/\$/g, (char) => (text.indexOf('$') === text.lastIndexOf('$') ? char : `\\${char}`))
        // `_` is emphasis only at a word's edge: ANTHROPIC_API_KEY stays readable.
        .replace(/_/g, (char, at, whole) => /[\p{L}\p{N}]/u.test(whole[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(whole[at + 1] ?? '') ? char : `\\${char}`)
        // `<` only before what could open a tag, a comment or an autolink; `&` only before an entity.
        .replace(/<(?=[A-Za-z/!?])/g, '\\<')
        .replace(/&(?=#?[A-Za-z0-9]{1,32};)/g, '\\&');
    if (options.atStart !== false) {
        out = out.replace(LINE_START, (_match, space, marker, digits, dot) => digits !== undefined ? `${space}${digits}\\${dot}` : `${space}\\${marker}`);
    }
    return out;
}
/** A code span holding `text` literally, whatever backticks it contains. */
function mdCode(text, options = {}) {
    let content = text.replace(/\r?\n|\r/g, ' ');
    if (options.cell)
        content = content.replace(/\|/g, '\\|');
    const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((run) => run[0].length));
    const fence = '`'.repeat(longest + 1);
    const pad = content.startsWith('`') || content.endsWith('`') || (content.startsWith(' ') && content.endsWith(' ')) ? ' ' : '';
    return `${fence}${pad}${content}${pad}${fence}`;
}
/** The action's own text (the catalogue, the checks): `backticks` become code, everything else is escaped. */
function mdOwn(text, options = {}) {
    const parts = text.split('`');
    // An odd backtick has no partner: it is shown, not taken as code.
    const paired = parts.length % 2 === 1 ? parts : [...parts.slice(0, -2), `${parts.at(-2)}\`${parts.at(-1)}`];
    return paired
        .map((part, index) => index % 2 === 1 ? mdCode(part, options) : mdText(part, { atStart: index === 0 && options.atStart !== false }))
        .join('');
}
/** A link; the URL is the action's own (the catalogue, GITHUB_SERVER_URL), made safe for `(…)`. */
function mdLink(label, url) {
    const safe = url.replace(/[\s()<>]/g, (char) => encodeURIComponent(char));
    return `[${mdText(label, { atStart: false })}](${safe})`;
}
/** A GFM table of cells already escaped with `{ cell: true }`. */
function mdTable(head, rows) {
    return [
        `| ${head.join(' | ')} |`,
        `| ${head.map(() => ':--').join(' | ')} |`,
        ...rows.map((row) => `| ${row.join(' | ')} |`),
    ].join('\n');
}
/** Escapes the few characters HTML needs escaped, for the text of a `<summary>`. */
function escapeHtml(text) {
    return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char);
}
/** A folded section: the one-line summary, then its Markdown. */
function mdDetails(summary, body) {
    return `<details><summary>${escapeHtml(summary.replace(/\s+/g, ' ').trim())}</summary>\n\n${body.trim()}\n\n</details>`;
}
/** A fenced code block holding `text` literally; the fence is longer than any backtick run inside. */
function mdFence(text, language = 'text') {
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}${language}\n${text.replace(/\n+$/, '')}\n${fence}`;
}
/** Untrusted lines as a block quote that keeps its line breaks and shows every character literally. */
function mdQuote(lines) {
    const out = [];
    lines.forEach((line, index) => {
        const next = lines[index + 1];
        if (line.trim() === '') {
            if (out.length > 0 && out.at(-1) !== '>')
                out.push('>');
            return;
        }
        const hardBreak = next !== undefined && next.trim() !== '' ? '\\' : '';
        out.push(`> ${mdText(line.trimEnd())}${hardBreak}`);
    });
    while (out.at(-1) === '>')
        out.pop();
    return out.join('\n');
}
/** Blocks joined by one blank line; empty blocks dropped, so no run of blank lines appears. */
function mdBlocks(blocks) {
    return blocks
        .filter((block) => typeof block === 'string' && block.trim() !== '')
        .map((block) => block.replace(/^\n+|\n+$/g, ''))
        .join('\n\n');
}

// EXTERNAL MODULE: ./src/render/pieces.ts
var pieces = __nccwpck_require__(825);
;// CONCATENATED MODULE: ./src/render/md-pieces.ts


/** Parts as Markdown: the action's own text with its code, the rest shown literally. */
function mdInline(parts, options = {}) {
    return parts
        .map((part, index) => {
        if (typeof part === 'string')
            return mdOwn(part, { ...options, atStart: index === 0 });
        if ('code' in part)
            return mdCode(part.code, options);
        return mdText(part.text, { atStart: index === 0 });
    })
        .join('');
}
/** Parts as the plain text of a `<summary>` (no Markdown is read there): code loses its backticks. */
function summaryText(parts) {
    return parts
        .map((part) => (typeof part === 'string' ? part.replace(/`/g, '') : 'code' in part ? part.code : part.text))
        .join('');
}
/** The fix as a numbered list, each step with its link. */
function mdFixList(steps, context) {
    return steps
        .map((step, index) => {
        const url = step.link ? (0,pieces/* href */.UF)(step.link.target, context) : undefined;
        const link = step.link
            ? url
                ? ` (${mdLink(step.link.label, url)})`
                : ` (${mdText(step.link.label, { atStart: false })})`
            : '';
        return `${index + 1}. ${mdOwn(step.text)}${link}`;
    })
        .join('\n');
}
/** The headline's title and what happened, under a heading of `level`. */
function md_pieces_mdHeadline(head, level, suffix = '') {
    const mark = head.ok ? '✅' : '❌';
    const blocks = [`${level} ${mark} ${mdInline(head.title)}${suffix}`];
    if (head.happened.length > 0)
        blocks.push(mdInline(head.happened));
    if (head.error !== undefined)
        blocks.push(mdQuote(head.error.split('\n')));
    return blocks.join('\n\n');
}

;// CONCATENATED MODULE: ./src/render/summary.ts



/** GitHub rejects a step summary over 1 MiB; stay well below it. */
const SUMMARY_LIMIT_BYTES = 900 * 1024;
const TAIL_LIMIT_CHARS = 64 * 1024;
/** Claude's answer: this many lines show, the whole folds below them. */
const ANSWER_LINES = 5;
const ANSWER_CHARS = 600;
function howToFix(report, context) {
    const cause = (0,pieces/* causeOfReport */.nG)(report);
    if (report.conclusion === 'success' || cause === 'none')
        return undefined;
    return `### How to fix\n\n${mdFixList((0,pieces/* fixFor */.jc)({ ...report, cause }, context), context)}`;
}
function attemptsTable(report) {
    const rows = (0,pieces/* attemptRows */.v_)(report);
    const started = rows.some((row) => row.started);
    const then = rows.some((row) => row.then.length > 0);
    const head = ['Attempt', ...(started ? ['Started'] : []), 'Result', 'Exit code', 'Duration', ...(then ? ['Then'] : [])];
    return mdTable(head, rows.map((row) => [
        String(row.number),
        ...(started ? [mdInline(row.started ?? [], { cell: true })] : []),
        `${row.ok ? '✅' : '❌'} ${mdText(row.result)}`,
        mdText(row.exit),
        row.duration,
        ...(then ? [mdInline(row.then, { cell: true })] : []),
    ]));
}
/** The credential checks' own findings: the action's text, whose `backticks` are code. */
const ownFindings = (report) => new Set(report.credentials?.checks.flatMap((check) => check.findings.map((finding) => finding.text)));
function evidenceBlock(report, context) {
    const evidence = (0,pieces/* evidenceToShow */.IN)(report, context);
    if (!evidence)
        return undefined;
    const own = ownFindings(report);
    const items = evidence.items.map((item) => `- **${pieces/* SOURCE_NAMES */.tN[item.source]}:** ${own.has(item.text) ? mdOwn(item.text, { atStart: false }) : mdText(item.text, { atStart: false })}`);
    if (evidence.omitted > 0)
        items.push(`- … and ${evidence.omitted} more in the report file.`);
    return `### Evidence (${evidence.from})\n\n${items.join('\n')}`;
}
/** A success's answer: its first lines, then the whole of it folded. */
function answerBlock(report) {
    let text = report.result?.trim();
    if (!text)
        return undefined;
    const cut = text.length > TAIL_LIMIT_CHARS;
    if (cut)
        text = `${text.slice(0, TAIL_LIMIT_CHARS)} …`;
    const lines = text.split(/\r?\n/);
    const first = [];
    let chars = 0;
    for (const line of lines) {
        if (first.length >= ANSWER_LINES || chars >= ANSWER_CHARS)
            break;
        first.push(chars + line.length > ANSWER_CHARS ? `${line.slice(0, ANSWER_CHARS - chars)} …` : line);
        chars += line.length;
    }
    const folded = first.length < lines.length || chars > ANSWER_CHARS;
    const count = `${lines.length} ${lines.length === 1 ? 'line' : 'lines'}`;
    return mdBlocks([
        '**Claude’s answer**',
        mdQuote(first),
        folded &&
            mdDetails(cut
                ? `The answer's first ${TAIL_LIMIT_CHARS / 1024} KiB (the result output has all of it)`
                : `The whole answer (${count})`, mdQuote(lines)),
    ]);
}
/** Cost, turns, time and session of a success, on one line. */
function factsLine(report) {
    const facts = (0,pieces/* runFacts */.pI)(report);
    return [
        facts.cost && `**Cost** ${facts.cost}`,
        facts.tokens && `**Tokens** ${facts.tokens}`,
        facts.turns !== undefined && `**Turns** ${facts.turns}`,
        `**Time** ${(0,pieces/* duration */.p0)(facts.durationMs)}`,
        facts.session && `**Session** ${mdCode(facts.session)}`,
    ]
        .filter(Boolean)
        .join(' · ');
}
const list = (items) => items
    .filter((item) => typeof item === 'string' && item !== '')
    .map((item) => `- ${item}`)
    .join('\n');
function credentialRole(credentials, role) {
    const switched = credentials.switchedToFallback;
    if (role === 'used')
        return switched ? 'Primary, replaced by the fallback' : 'Used';
    if (role === 'ignored')
        return 'Ignored (another one wins)';
    if (!switched)
        return 'Fallback, not needed';
    const when = switched.afterAttempt === 0 ? 'for every attempt' : `from attempt ${switched.afterAttempt + 1} on`;
    return `Fallback, used ${when} after ${mdCode(switched.cause)}`;
}
const FINDING_MARKS = { error: '❌', warning: '⚠️', note: 'ℹ️' };
/** Texts the page already shows above the details: the headline's finding and the evidence. */
function shownAbove(report, context) {
    const stop = report.credentials?.stop;
    const shown = new Set((0,pieces/* evidenceToShow */.IN)(report, context)?.items.map((item) => item.text));
    if (report.attempts.length === 0 && stop)
        for (const item of stop.evidence)
            shown.add(item.text);
    return shown;
}
function credentialsDetails(report, context) {
    const { credentials } = report;
    if (!credentials)
        return undefined;
    const warnings = (0,pieces/* credentialWarnings */.N0)(credentials, report.conclusion === 'success');
    // A success shows its credentials only when something about them is worth a warning, or when they
    // are what was checked (the key's fingerprint and organisation answer "is this the key I meant?").
    const checked = report.mode === 'diagnose' && report.attempts.length === 0;
    if (report.conclusion === 'success' && warnings.length === 0 && !checked)
        return undefined;
    const above = shownAbove(report, context);
    const used = credentials.credentials.map((print) => `**${credentialRole(credentials, print.role)}:** ${mdInline((0,pieces/* describeCredential */.t8)(print))}`);
    if (credentials.provider)
        used.unshift(`Claude Code uses ${mdText(credentials.provider, { atStart: false })}.`);
    const checks = credentials.checks.flatMap(({ credential, findings }) => {
        if (findings.length === 0) {
            return [`✅ ${mdCode(credential)}: no stray whitespace, quotes or characters; its prefix fits its kind`];
        }
        return findings
            .filter((finding) => !above.has(finding.text))
            .map((finding) => `${FINDING_MARKS[finding.severity]} ${mdOwn(finding.text)}`);
    });
    const blocks = mdBlocks([
        used.length > 0 && list(used),
        checks.length > 0 && `**Local checks**\n\n${list(checks)}`,
        credentials.conflicts.length > 0 && `**Conflicts**\n\n${list(credentials.conflicts.map((c) => `⚠️ ${mdOwn(c)}`))}`,
        credentials.notes.length > 0 && list(credentials.notes.map((note) => `ℹ️ ${mdOwn(note)}`)),
    ]);
    if (!blocks)
        return undefined;
    const used0 = credentials.credentials.find((print) => print.role === 'used');
    const who = credentials.provider ?? (used0 ? summaryText((0,pieces/* describeCredential */.t8)(used0).slice(0, 2)) : 'none set');
    const mark = report.conclusion === 'success' && warnings.length > 0 ? '⚠️ ' : '';
    return mdDetails(`${mark}Credentials: ${who}${warnings.length > 0 ? ` (${warnings.join(', ')})` : ''}`, blocks);
}
function probesDetails(report) {
    const probes = report.credentials?.probes ?? [];
    if (probes.length === 0)
        return undefined;
    const checked = report.mode === 'diagnose' && report.attempts.length === 0;
    if (report.conclusion === 'success' && (0,pieces/* credentialWarnings */.N0)(report.credentials).length === 0 && !checked)
        return undefined;
    const items = probes.map((probe) => {
        const answer = probe.status === undefined
            ? `no answer: ${probe.message ?? 'unknown failure'}`
            : [`HTTP ${probe.status}`, probe.errorType, probe.message].filter((part) => part !== undefined).join(' · ');
        const check = probe.purpose === 'preflight'
            ? 'Preflight'
            : probe.afterAttempt
                ? `Credit check after attempt ${probe.afterAttempt}`
                : 'Credit check';
        const ids = [
            probe.requestId && `request ${mdCode(probe.requestId)}`,
            probe.organizationId && `organisation ${mdCode(probe.organizationId)}`,
            probe.workspaceId && `workspace ${mdCode(probe.workspaceId)}`,
        ].filter(Boolean);
        return [
            `**${check}:** ${mdCode(probe.request)} with ${mdText(probe.credential, { atStart: false })}, ${probe.durationMs} ms: ${mdText(answer, { atStart: false })}`,
            ...ids,
        ].join(' · ');
    });
    const answers = probes.map((probe) => `${probe.purpose === 'preflight' ? 'preflight' : 'credit check'} ${probe.status === undefined ? 'no answer' : `HTTP ${probe.status}`}`);
    return mdDetails(`API checks: ${answers.join(', ')}`, list(items));
}
function runDetails(report) {
    const last = report.attempts.at(-1);
    const facts = (0,pieces/* runFacts */.pI)(report);
    const cause = (0,pieces/* causeOfReport */.nG)(report);
    const retries = report.attempts.reduce((sum, attempt) => sum + attempt.inRunRetries.count, 0);
    const retryDelayMs = report.attempts.reduce((sum, attempt) => sum + attempt.inRunRetries.totalDelayMs, 0);
    const statuses = [...new Set(report.attempts.flatMap((attempt) => attempt.inRunRetries.statuses))];
    const started = report.startedAt ? `${report.startedAt.slice(0, 10)} ${report.startedAt.slice(11, 19)} UTC` : undefined;
    const items = list([
        cause !== 'none' && `Cause ${mdCode(cause)} (the step’s \`cause\` output): ${mdLink('what it means', (0,pieces/* CAUSES_DOC_URL */.eh)(cause))}`,
        report.mode === 'run' && started && `Started ${started}, ${(0,pieces/* duration */.p0)(facts.durationMs)} in all`,
        report.mode === 'diagnose' && report.logFile && `Log: ${mdCode(report.logFile)}`,
        facts.cost && `Cost: ${facts.cost}${report.attempts.length > 1 ? ' over all attempts' : ''}`,
        facts.tokens && `Tokens: ${facts.tokens}${report.attempts.length > 1 ? ' over all attempts' : ''}`,
        facts.turns !== undefined && `Turns: ${facts.turns}`,
        facts.session && `Session: ${mdCode(facts.session)}`,
        facts.model && `Model: ${mdInline((0,pieces/* describeModel */.Vy)(facts.model))}`,
        last?.credentialSource && `Credential Claude Code reported: ${mdCode(last.credentialSource)}`,
        retries > 0 &&
            `Claude Code’s own retries: ${retries} (HTTP ${statuses.map(String).join(', ') || 'none'}), ${(0,pieces/* seconds */.YA)(retryDelayMs)} of waiting`,
        report.install && mdText((0,pieces/* describeInstall */.Fl)(report.install, false)),
        report.reportFile &&
            `The whole report (every ${report.attempts.length > 0 ? 'attempt' : 'check'} with its evidence) is the step’s ${mdCode('report-file')} output, a file on the runner: keep it with ${mdCode('actions/upload-artifact')} (${mdLink('how', pieces/* KEEP_REPORT_URL */.fF)}).`,
    ]);
    const head = [
        cause !== 'none' ? `cause ${cause}` : undefined,
        report.install?.version ? `Claude Code ${report.install.version}` : undefined,
        facts.model && (0,pieces/* modelName */.fD)(facts.model),
        report.totalCostUsd > 0 && facts.cost,
    ].filter(Boolean);
    return mdDetails(`Run details${head.length > 0 ? `: ${head.join(' · ')}` : ''}`, items || 'Nothing more is known.');
}
function tailBlock(report, attempt, maxChars) {
    if (!attempt || attempt.tail.length === 0 || maxChars <= 0)
        return undefined;
    let text = attempt.tail.join('\n').replace(/\n{3,}/g, '\n\n');
    if (text.length > maxChars)
        text = `… ${text.slice(text.length - maxChars)}`;
    const what = report.mode === 'diagnose' ? 'Last lines of the log' : `Last lines of output (attempt ${attempt.number})`;
    return mdDetails(what, mdFence(text));
}
function failureBlocks(report, context) {
    return [
        howToFix(report, context),
        report.mode === 'run' && report.attempts.length > 0 ? `### What was tried\n\n${attemptsTable(report)}` : undefined,
        evidenceBlock(report, context),
        credentialsDetails(report, context),
        probesDetails(report),
        runDetails(report),
    ];
}
function successBlocks(report, context) {
    const failed = report.attempts.length - 1;
    return [
        // A check with nothing run has no cost, turns or session to show.
        report.attempts.length > 0 ? factsLine(report) : undefined,
        answerBlock(report),
        report.attempts.length > 1
            ? mdDetails(`Attempts: ${report.attempts.length}, ${failed === 1 ? 'the first' : `the first ${failed}`} failed`, attemptsTable(report))
            : undefined,
        credentialsDetails(report, context),
        probesDetails(report),
        runDetails(report),
    ];
}
/** The summary when rendering the report itself failed: the headline piece with the error, as little code as shows it. */
function renderFallbackSummary(error) {
    return `${mdHeadline({ ok: false, title: ['claude-code-guard failed'], happened: [], error }, '##')}\n`;
}
/** A job summary is read on GitHub, wherever the action ran: it always speaks of the workflow. */
function renderSummary(report, where) {
    const context = { ...where, where: 'actions' };
    const head = (0,pieces/* headline */.Pl)(report, context);
    const success = report.conclusion === 'success';
    const warning = (0,pieces/* rateLimitWarning */.cu)(report);
    const fixed = mdBlocks([
        md_pieces_mdHeadline(head, '##'),
        warning && `⚠️ **Subscription limit near:** ${mdOwn(warning)}`,
        ...(success ? successBlocks(report, context) : failureBlocks(report, context)),
    ]);
    const lastFailure = report.attempts.findLast((attempt) => attempt.cause !== 'none');
    // A success's answer is its output; the last lines show only when there is no answer.
    const tailOf = success ? (report.result?.trim() ? undefined : report.attempts.at(-1)) : (lastFailure ?? report.attempts.at(-1));
    // A character may take 4 bytes; the rest of the page is bounded.
    const room = Math.min(TAIL_LIMIT_CHARS, Math.floor((SUMMARY_LIMIT_BYTES - Buffer.byteLength(fixed) - 1024) / 4));
    const summary = `${mdBlocks([fixed, tailBlock(report, tailOf, room)])}\n`;
    if (Buffer.byteLength(summary) <= SUMMARY_LIMIT_BYTES)
        return summary;
    // Only a huge answer gets here: the headline and the fix always fit.
    return `${mdBlocks([md_pieces_mdHeadline(head, '##'), howToFix(report, context), '_The rest of the summary is too long for GitHub; the report file has it._'])}\n`;
}


/***/ }),

/***/ 417:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BX: () => (/* binding */ attemptRecord),
/* harmony export */   FK: () => (/* binding */ buildReport),
/* harmony export */   U9: () => (/* binding */ savedLogReport),
/* harmony export */   ev: () => (/* binding */ causeTitle),
/* harmony export */   ue: () => (/* binding */ claudeStopped)
/* harmony export */ });
/* unused harmony export withInternalError */
/* harmony import */ var _diagnosis_catalogue_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(752);
/* harmony import */ var _diagnosis_classify_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(107);
/* harmony import */ var _settings_settings_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(100);
/* harmony import */ var _diagnosis_reset_time_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(990);




function causeTitle(cause) {
    return `${(0,_diagnosis_catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .causeOf */ .rl)(cause).title} (${cause})`;
}
const NO_TOKENS = { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 };
const addTokens = (a, b) => ({
    input: a.input + b.input,
    output: a.output + b.output,
    cacheRead: a.cacheRead + b.cacheRead,
    cacheCreation: a.cacheCreation + b.cacheCreation,
});
/** An attempt's usage, from its result: by model when Claude Code said, in all from `usage` or the models' sum. */
function usageOf(result, model) {
    if (!result?.usage && !result?.modelUsage)
        return undefined;
    const models = result.modelUsage ?? (result.usage ? { [model ?? 'unknown']: { ...result.usage, costUsd: result.totalCostUsd ?? 0 } } : {});
    const total = result.usage ?? Object.values(models).reduce(addTokens, NO_TOKENS);
    return { ...total, costUsd: result.totalCostUsd ?? 0, models };
}
/** The usage of several attempts, model by model. */
function totalUsage(usages) {
    if (usages.length === 0)
        return undefined;
    const models = {};
    for (const usage of usages) {
        for (const [model, counts] of Object.entries(usage.models)) {
            const sum = models[model];
            models[model] = sum ? { ...addTokens(sum, counts), costUsd: sum.costUsd + counts.costUsd } : { ...counts };
        }
    }
    return { ...usages.reduce(addTokens, NO_TOKENS), costUsd: usages.reduce((sum, u) => sum + u.costUsd, 0), models };
}
function rateLimitState(event) {
    if (event?.status === undefined)
        return undefined;
    return {
        status: event.status,
        ...(event.limitType === undefined ? {} : { window: event.limitType }),
        ...(event.utilization === undefined ? {} : { utilization: event.utilization }),
        ...(event.resetsAt === undefined ? {} : { resetsAt: (0,_diagnosis_reset_time_js__WEBPACK_IMPORTED_MODULE_3__/* .epochToIso */ .k)(event.resetsAt) }),
        ...(event.isUsingOverage === undefined ? {} : { overage: event.isUsingOverage }),
        ...(event.surpassedThreshold === undefined ? {} : { surpassedThreshold: event.surpassedThreshold }),
    };
}
/** The record of one attempt; `waitAfterMs` is the wait the retry loop chose after it. */
function attemptRecord(facts, waitAfterMs = 0) {
    const { observation, outcome, diagnosis } = facts;
    const { result } = observation;
    const usage = usageOf(result, observation.init?.model);
    const rateLimit = rateLimitState(observation.rateLimit);
    return {
        number: facts.number,
        startedAt: facts.startedAt.toISOString(),
        durationMs: facts.durationMs,
        exitCode: outcome.exitCode,
        signal: outcome.signal,
        ...(outcome.stopped === undefined ? {} : { stopped: outcome.stopped }),
        cause: diagnosis?.cause ?? 'none',
        evidence: diagnosis?.evidence ?? [],
        waitAfterMs,
        ...(diagnosis?.retryAfterMs === undefined ? {} : { retryAfterMs: diagnosis.retryAfterMs }),
        ...(diagnosis?.resetsAt === undefined ? {} : { resetsAt: diagnosis.resetsAt }),
        ...(facts.streamFile === undefined ? {} : { streamFile: facts.streamFile }),
        sessionId: observation.sessionId,
        ...(facts.resume ? { resume: facts.resume } : {}),
        replies: observation.replies,
        costUsd: result?.totalCostUsd,
        ...(usage ? { usage } : {}),
        ...(rateLimit ? { rateLimit } : {}),
        turns: result?.numTurns,
        model: observation.init?.model,
        credentialSource: observation.init?.apiKeySource,
        resultText: result?.result,
        inRunRetries: {
            count: observation.apiRetryCount,
            statuses: observation.apiRetryStatuses,
            totalDelayMs: observation.apiRetryDelayMs,
        },
        tail: observation.tail,
        ...(facts.withFallback ? { withFallback: true } : {}),
    };
}
/** What the credential check's stop did to Claude Code, in a sentence. */
function claudeStopped(credentials) {
    return credentials?.stoppedAttempt
        ? 'Claude Code was starting alongside the check and was stopped at once.'
        : 'Claude Code was not started.';
}
function stopReason(parts) {
    const { settings, attempts, credentials } = parts;
    if (parts.inputError)
        return 'Nothing was run: an input is invalid.';
    if (parts.internalError !== undefined)
        return 'The action itself failed.';
    if (parts.stopReason)
        return parts.stopReason;
    if (!settings)
        return 'Nothing was run.';
    const last = attempts.at(-1);
    if (parts.cancelled) {
        return `Cancelled (${parts.cancelled}) ${last ? `after attempt ${last.number}` : 'before the first attempt'}; not retried.`;
    }
    if (last?.cause === 'none')
        return `Succeeded on attempt ${last.number} of ${settings.maxAttempts}.`;
    if (!last && credentials?.stop) {
        const when = credentials.stoppedAttempt ? 'as the first attempt started' : 'before the first attempt';
        return `Stopped ${when} by the credential check (${causeTitle(credentials.stop.cause)}): ${claudeStopped(credentials)}`;
    }
    if (!last)
        return 'No attempt ran.';
    if (!(0,_settings_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .isRetried */ .mo)(settings.retryOn, last.cause) && last.number < settings.maxAttempts) {
        return `Stopped after attempt ${last.number} of ${settings.maxAttempts}: a retry cannot fix this (retry-on: ${(0,_settings_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .retryOnText */ .Dk)(settings.retryOn)}).`;
    }
    return last.number === 1 ? 'The only attempt failed.' : `All ${last.number} attempts failed.`;
}
function causeOfRun(parts, succeeded) {
    if (parts.internalError !== undefined)
        return 'internal-error';
    if (parts.inputError)
        return 'input-invalid';
    if (succeeded)
        return 'none';
    if (parts.cancelled)
        return 'cancelled';
    const found = parts.credentials?.stop?.cause ?? parts.finding?.cause;
    const last = parts.attempts.at(-1)?.cause;
    // A log that only shows Claude Code failed says less than a credential check that found why.
    if (last === undefined || last === 'none' || (last === 'claude-error' && found !== undefined))
        return found ?? 'claude-error';
    return last;
}
/** The report of a run, also of one that never started (no settings, no attempts). */
function buildReport(parts) {
    const { attempts } = parts;
    const last = attempts.at(-1);
    const problem = parts.internalError !== undefined ||
        parts.inputError !== undefined ||
        parts.credentials?.stop !== undefined ||
        parts.finding !== undefined;
    // A run succeeds by its last attempt; a diagnosis, by finding nothing wrong (there may be no attempt).
    const succeeded = !problem && (last?.cause === 'none' || (parts.mode === 'diagnose' && last === undefined));
    const cause = causeOfRun(parts, succeeded);
    const resetsAt = attempts.findLast((attempt) => attempt.resetsAt)?.resetsAt;
    const usage = totalUsage(attempts.flatMap((attempt) => (attempt.usage ? [attempt.usage] : [])));
    const rateLimit = attempts.findLast((attempt) => attempt.rateLimit)?.rateLimit;
    return {
        mode: parts.mode ?? 'run',
        conclusion: succeeded ? 'success' : 'failure',
        cause,
        startedAt: parts.startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        attempts,
        maxAttempts: parts.settings?.maxAttempts ?? attempts.length,
        stopReason: stopReason(parts),
        totalCostUsd: attempts.reduce((sum, attempt) => sum + (attempt.costUsd ?? 0), 0),
        ...(usage ? { usage } : {}),
        ...(rateLimit ? { rateLimit } : {}),
        exitCode: last?.exitCode ?? null,
        result: last?.resultText,
        sessionId: attempts.findLast((attempt) => attempt.sessionId)?.sessionId,
        ...(resetsAt && cause === 'usage-limit' ? { resetsAt } : {}),
        ...(parts.credentials ? { credentials: parts.credentials } : {}),
        ...(parts.finding ? { finding: parts.finding } : {}),
        ...(parts.inputError ? { inputError: parts.inputError } : {}),
        ...(parts.internalError === undefined ? {} : { internalError: parts.internalError }),
        ...(parts.logFile === undefined ? {} : { logFile: parts.logFile }),
        ...(parts.reportFile === undefined ? {} : { reportFile: parts.reportFile }),
        ...(parts.install ? { install: parts.install } : {}),
    };
}
/** The same report, failed by a fault of the action itself (found while publishing it). */
function withInternalError(report, message) {
    return {
        ...report,
        conclusion: 'failure',
        cause: 'internal-error',
        internalError: message,
        stopReason: 'The action itself failed.',
    };
}
/** The report of a saved log: one attempt, as the log shows it. */
function savedLogReport(log, logFile, startedAt) {
    const attempt = attemptRecord({
        number: 1,
        startedAt,
        durationMs: log.observation.result?.durationMs ?? 0,
        outcome: log.outcome,
        observation: log.observation,
        diagnosis: (0,_diagnosis_classify_js__WEBPACK_IMPORTED_MODULE_1__/* .classify */ .L)(log.observation, log.outcome),
    });
    return buildReport({
        mode: 'diagnose',
        attempts: [attempt],
        startedAt,
        logFile,
        stopReason: `Diagnosed from the saved log in ${logFile}.`,
    });
}


/***/ }),

/***/ 200:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ Redactor)
/* harmony export */ });
/* unused harmony export MIN_PIECE */
// Removes credentials from any text the action writes. A known secret is removed wherever it appears,
// and so is any piece of it of MIN_PIECE characters or more: a key cut by a line break, a space or a
// colour code is still a key. Anything shaped like an Anthropic token (`sk-ant-…`) is cut to its prefix,
// so a key the action was never told about does not leak either. Text is read as a screen shows it:
// colour codes, other control characters and zero-width characters are looked through, and a known
// secret is also found across spaces and line breaks. Every scan is linear, with no pattern that could
// run out of stack on a long line.
const TOKEN_PREFIX = 'sk-ant-';
/** Characters after the prefix that make a token: fewer is a word such as `sk-ant-api`. */
const MIN_TOKEN_CHARS = 6;
/** Shorter values would redact ordinary words. */
const MIN_SECRET_LENGTH = 8;
/** The shortest piece of a known secret that is removed. */
const MIN_PIECE = 12;
/**
 * Pieces are found by looking up GRAM characters every STRIDE characters: any piece of MIN_PIECE
 * characters holds one of those lookups whole.
 */
const GRAM = 4;
const STRIDE = MIN_PIECE - GRAM + 1;
const MASK = '***';
/** Longer text is read in parts of about this many characters, cut at a line break, so memory stays small. */
const PART_CHARS = 1024 * 1024;
/** What can hide a key from a plain byte search: escape (colours), backspace, NUL, a JSON escape. */
const HIDING = [0x1b, 0x08, 0x00, '\\u'];
/** The kind prefix of an Anthropic key (`sk-ant-api03-`) is the same in every key: no secret in it. */
const publicPrefixLength = (secret) => /^sk-ant-[a-z]{1,16}\d{0,4}-/.exec(secret)?.[0].length ?? 0;
/**
 * The piece of the secret around `q` of `text`, where the secret's gram at `at` stands: the common run,
 * grown both ways, when it is the whole secret, or MIN_PIECE long, past the public prefix and varied.
 */
function pieceAround(text, q, { secret, at, publicLength }) {
    let start = q;
    let from = at;
    while (start > 0 && from > 0 && text[start - 1] === secret[from - 1]) {
        start--;
        from--;
    }
    let end = q + GRAM;
    let to = at + GRAM;
    while (end < text.length && to < secret.length && text[end] === secret[to]) {
        end++;
        to++;
    }
    if (from === 0 && to === secret.length)
        return { start, end };
    return end - start >= MIN_PIECE && to > publicLength && varied(text, start, end) ? { start, end } : undefined;
}
/**
 * A piece with fewer different characters than this says nothing of a key (a run of zeros in a made-up
 * key), and would hide ordinary numbers such as a cost of 0.00016800000000000002.
 */
const MIN_DIFFERENT_CHARS = 6;
function varied(text, start, end) {
    const seen = new Set();
    for (let i = start; i < end && seen.size < MIN_DIFFERENT_CHARS; i++)
        seen.add(text[i]);
    return seen.size >= MIN_DIFFERENT_CHARS;
}
/** Every gram of each secret, by gram. */
class Grams {
    byGram = new Map();
    add(secret, publicLength, gramAt) {
        for (let at = 0; at + GRAM <= secret.length; at++) {
            const gram = gramAt(at);
            const list = this.byGram.get(gram) ?? [];
            list.push({ secret, at, publicLength });
            this.byGram.set(gram, list);
        }
    }
}
const FILTER_BITS = 16;
const slotOf = (gram) => Math.imul(gram, 0x9e3779b1) >>> (32 - FILTER_BITS);
/**
 * A cheap look for pieces of the secrets in bytes, for the live output: one lookup every STRIDE bytes
 * in a small filter of the secrets' grams; the few it lets through are checked for a whole piece.
 */
class PieceFilter {
    bits = new Uint32Array(2 ** FILTER_BITS / 32);
    grams = new Grams();
    add(secret) {
        const bytes = Buffer.from(secret);
        this.grams.add(bytes, publicPrefixLength(secret), (at) => bytes.readUInt32LE(at));
        for (const gram of this.grams.byGram.keys())
            this.bits[slotOf(gram) >>> 5] |= 1 << (slotOf(gram) & 31);
    }
    foundIn(bytes) {
        if (this.grams.byGram.size === 0)
            return false;
        const { bits } = this;
        const last = bytes.length - GRAM;
        for (let q = 0; q <= last; q += STRIDE) {
            const slot = slotOf(bytes[q] | (bytes[q + 1] << 8) | (bytes[q + 2] << 16) | (bytes[q + 3] << 24));
            if ((bits[slot >>> 5] & (1 << (slot & 31))) !== 0 && this.pieceAt(bytes, q))
                return true;
        }
        return false;
    }
    pieceAt(bytes, q) {
        const occurrences = this.grams.byGram.get(bytes.readUInt32LE(q)) ?? [];
        return occurrences.some((occurrence) => pieceAround(bytes, q, occurrence) !== undefined);
    }
}
// What follows the escape character in an escape sequence (a colour, a cursor move).
const ESCAPE_SEQUENCE = /\[[0-?]{0,32}[ -/]{0,8}[@-~]|[@-_]/y;
const JSON_ESCAPE = /^\\u[0-9A-Fa-f]{4}$/;
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const ANY_HIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]/;
/**
 * Characters a screen does not show: control characters but tab and line breaks (as `readable` drops
 * them), and zero-width ones.
 */
const isHidden = (code) => (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
    code === 0x7f ||
    (code >= 0x200b && code <= 0x200d) ||
    code === 0x2060 ||
    code === 0xfeff;
const isSpace = (code) => code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000;
const UTF16 = new TextDecoder('utf-16le');
const isTokenChar = (code) => (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x2d ||
    code === 0x5f;
/**
 * Text as the redactor reads it. Compact: the characters a screen shows, without spaces and line
 * breaks, each with the stretch of the text it comes from and whether a space or line break came before
 * it. A JSON escape (`\u0061`, `\u001b[31m`) reads as what it stands for, as in a stream-json line, where a
 * colour inside a key is escaped. Otherwise the text as it is.
 */
class View {
    chars;
    places;
    constructor(chars, places) {
        this.chars = chars;
        this.places = places;
    }
    static of(text, compact) {
        if (!compact)
            return new View(text);
        const codes = new Uint16Array(text.length);
        const starts = new Int32Array(text.length);
        const ends = new Int32Array(text.length);
        const spaces = new Uint8Array(text.length);
        let count = 0;
        let space = false;
        for (let i = 0; i < text.length;) {
            let code = text.charCodeAt(i);
            let next = i + 1;
            if (code === 0x5c && text.charCodeAt(next) === 0x5c)
                next++;
            else if (code === 0x5c && JSON_ESCAPE.test(text.slice(i, i + 6))) {
                code = Number.parseInt(text.slice(i + 2, i + 6), 16);
                next = i + 6;
            }
            if (code === 0x1b) {
                ESCAPE_SEQUENCE.lastIndex = next;
                i = ESCAPE_SEQUENCE.test(text) ? ESCAPE_SEQUENCE.lastIndex : next;
                continue;
            }
            if (isSpace(code))
                space = true;
            else if (!isHidden(code)) {
                codes[count] = code;
                starts[count] = i;
                ends[count] = next;
                spaces[count] = space ? 1 : 0;
                space = false;
                count++;
            }
            i = next;
        }
        const places = { starts: starts.subarray(0, count), ends: ends.subarray(0, count), spaces: spaces.subarray(0, count) };
        return new View(UTF16.decode(codes.subarray(0, count)), places);
    }
    spaceBefore(i) {
        return this.places ? this.places.spaces[i] === 1 : false;
    }
    /** The stretch of the text that view characters `start` to `end` (excluded) come from. */
    stretch(start, end) {
        return this.places ? { start: this.places.starts[start], end: this.places.ends[end - 1] } : { start, end };
    }
}
const LINE_BREAK = /(\r\n|\r|\n)/;
/** The text with each stretch masked; line breaks inside a stretch stay, so lines keep their count. */
function mask(text, stretches) {
    if (stretches.length === 0)
        return text;
    stretches.sort((a, b) => a.start - b.start);
    const merged = [];
    for (const stretch of stretches) {
        const last = merged.at(-1);
        if (last && stretch.start <= last.end)
            last.end = Math.max(last.end, stretch.end);
        else
            merged.push({ ...stretch });
    }
    const out = [];
    let done = 0;
    for (const { start, end } of merged) {
        const parts = text.slice(start, end).split(LINE_BREAK);
        out.push(text.slice(done, start), ...parts.map((part, index) => (index % 2 === 1 || part === '' ? part : MASK)));
        done = end;
    }
    out.push(text.slice(done));
    return out.join('');
}
/**
 * Everything shaped like an Anthropic token: the prefix, then at least MIN_TOKEN_CHARS token characters,
 * as far as they go on screen without a space or line break. Only what follows the prefix is masked.
 */
function tokenStretches(view) {
    const { chars } = view;
    const found = [];
    for (let p = chars.indexOf(TOKEN_PREFIX); p !== -1; p = chars.indexOf(TOKEN_PREFIX, p + 1)) {
        const first = p + TOKEN_PREFIX.length;
        let apart = false;
        for (let i = p + 1; i < first; i++)
            apart ||= view.spaceBefore(i);
        if (apart)
            continue;
        let end = first;
        while (end < chars.length && isTokenChar(chars.charCodeAt(end)) && !view.spaceBefore(end))
            end++;
        if (end - first >= MIN_TOKEN_CHARS)
            found.push(view.stretch(first, end));
        p = Math.max(p, end - 1);
    }
    return found;
}
class Redactor {
    secrets = new Set();
    /** Secrets too short to have pieces: found whole only. */
    short = [];
    grams = new Grams();
    filter = new PieceFilter();
    add(secret) {
        if (secret === undefined)
            return;
        for (const value of [secret, secret.trim()]) {
            if (value.length < MIN_SECRET_LENGTH || this.secrets.has(value))
                continue;
            this.secrets.add(value);
            if (value.length < MIN_PIECE) {
                this.short.push(value);
                continue;
            }
            this.grams.add(value, publicPrefixLength(value), (at) => value.slice(at, at + GRAM));
            this.filter.add(value);
        }
    }
    redact(text) {
        if (text.length <= PART_CHARS)
            return this.redactPart(text);
        const parts = [];
        let changed = false;
        for (let start = 0; start < text.length;) {
            let end = Math.min(text.length, start + PART_CHARS);
            const lineEnd = end < text.length ? text.lastIndexOf('\n', end) : -1;
            if (lineEnd > start)
                end = lineEnd + 1;
            const part = text.slice(start, end);
            const clean = this.redactPart(part);
            changed ||= clean !== part;
            parts.push(clean);
            start = end;
        }
        return changed ? parts.join('') : text;
    }
    /**
     * Redacts bytes of text; returns the same buffer, undecoded, when there is nothing to redact. The
     * live output goes through here, so a block is decoded only when a cheap look finds a token's prefix,
     * a secret or a piece of one, or a byte that could hide one.
     */
    redactBytes(bytes) {
        const suspect = bytes.includes(TOKEN_PREFIX) ||
            HIDING.some((hider) => bytes.includes(hider)) ||
            this.short.some((secret) => bytes.includes(secret)) ||
            this.filter.foundIn(bytes);
        if (!suspect)
            return bytes;
        const text = bytes.toString('utf8');
        const clean = this.redact(text);
        return clean === text ? bytes : Buffer.from(clean);
    }
    /**
     * Redacts every string inside a JSON-like value. The lines of a string array are read together, so a
     * key wrapped over two lines is still found.
     */
    redactDeep(value) {
        return this.redactValue(value);
    }
    redactValue(value) {
        if (typeof value === 'string')
            return this.redact(value);
        if (Array.isArray(value)) {
            if (value.length > 0 && value.every((item) => typeof item === 'string')) {
                const lines = this.redact(value.join('\n')).split('\n');
                if (lines.length === value.length)
                    return lines;
            }
            return value.map((item) => this.redactValue(item));
        }
        if (typeof value === 'object' && value !== null) {
            return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactValue(item)]));
        }
        return value;
    }
    redactPart(text) {
        // A known secret may be cut by a space or a line break; a token only by what does not show.
        const compact = this.grams.byGram.size > 0 || this.short.length > 0 || ANY_HIDDEN.test(text) || text.includes('\\u');
        const view = View.of(text, compact);
        return mask(text, [...this.secretStretches(view), ...tokenStretches(view)]);
    }
    /** Known secrets, whole or in pieces. */
    secretStretches(view) {
        const { chars } = view;
        const found = [];
        for (const secret of this.short) {
            for (let i = chars.indexOf(secret); i !== -1; i = chars.indexOf(secret, i + secret.length)) {
                found.push(view.stretch(i, i + secret.length));
            }
        }
        for (let q = 0; q + GRAM <= chars.length; q += STRIDE) {
            const occurrences = this.grams.byGram.get(chars.slice(q, q + GRAM)) ?? [];
            let furthest = q;
            for (const occurrence of occurrences) {
                const piece = pieceAround(chars, q, occurrence);
                if (!piece)
                    continue;
                found.push(view.stretch(piece.start, piece.end));
                furthest = Math.max(furthest, piece.end);
            }
            // What is masked already need not be looked up again.
            q += Math.floor((furthest - q) / STRIDE) * STRIDE;
        }
        return found;
    }
}


/***/ }),

/***/ 259:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ diskFiles)
/* harmony export */ });
/* unused harmony export readLogFile */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
// The settings parser's view of the disk: prompt files and the working directory.

const diskFiles = {
    readText: (path) => {
        try {
            return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
        }
        catch {
            return undefined;
        }
    },
    isDirectory: (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isDirectory(),
};
/** Of a larger log, the end is read: that is where a run's error is. */
const MAX_LOG_BYTES = (/* unused pure expression or super */ null && (64 * 1024 * 1024));
/** What a path that is not a regular file is, in words. */
function notAFile(stat) {
    if (stat.isDirectory())
        return 'it is a directory';
    if (stat.isFIFO())
        return 'it is a FIFO (a named pipe), not a regular file';
    if (stat.isCharacterDevice() || stat.isBlockDevice())
        return 'it is a device, not a regular file';
    if (stat.isSocket())
        return 'it is a socket, not a regular file';
    return 'it is not a regular file';
}
/**
 * The end of a regular file, read with positioned reads: a log of any size costs at most MAX_LOG_BYTES.
 * Anything else is refused before it is read: a FIFO would wait for a writer, a device never ends.
 */
function readLogFile(path) {
    let fd;
    try {
        // Non-blocking, so that opening a FIFO does not wait for a writer; it is refused below.
        fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    }
    catch (error) {
        const code = error.code;
        return code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', reason: code ?? String(error) };
    }
    try {
        const stat = fstatSync(fd);
        if (!stat.isFile())
            return { kind: 'unreadable', reason: notAFile(stat) };
        const start = Math.max(0, stat.size - MAX_LOG_BYTES);
        const buffer = Buffer.alloc(stat.size - start);
        let length = 0;
        while (length < buffer.length) {
            const bytes = readSync(fd, buffer, length, buffer.length - length, start + length);
            if (bytes === 0)
                break;
            length += bytes;
        }
        let text = buffer.subarray(0, length).toString('utf8');
        // A cut line is no line: the tail starts after it.
        if (start > 0 && text.includes('\n'))
            text = text.slice(text.indexOf('\n') + 1);
        return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text };
    }
    catch (error) {
        return { kind: 'unreadable', reason: error.code ?? String(error) };
    }
    finally {
        closeSync(fd);
    }
}


/***/ }),

/***/ 100:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Dk: () => (/* binding */ retryOnText),
/* harmony export */   N6: () => (/* binding */ PINNED_CLAUDE_VERSION),
/* harmony export */   P$: () => (/* binding */ parseSettings),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   mo: () => (/* binding */ isRetried)
/* harmony export */ });
/* unused harmony exports INPUT_NAMES, describeSettings */
/* harmony import */ var shell_quote__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(591);
/* harmony import */ var _diagnosis_catalogue_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(752);
/* harmony import */ var _text_lines_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(816);
// Every input is parsed here, once, into one typed object. A bad value throws an InputError that names
// the input, the value and what is allowed; nothing has run by then.



/** Every input the action reads, as action.yml declares them; reading any other name does not compile. */
const INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'mode',
    'log-file',
    'prompt',
    'prompt-file',
    'claude-args',
    'claude-path',
    'command',
    'anthropic-api-key',
    'claude-code-oauth-token',
    'fallback-api-key',
    'preflight',
    'verify-credit',
    'probe-model',
    'max-attempts',
    'retry-wait-seconds',
    'backoff',
    'max-wait-seconds',
    'retry-on',
    'resume-on-retry',
    'timeout-minutes',
    'summary',
    'working-directory',
    'install-claude',
    'claude-version',
    'comment-on-failure',
    'github-token',
    'matrix',
]));
/** The Claude Code version the action is tested with (the devDependency); `claude-version` defaults to it. */
const PINNED_CLAUDE_VERSION = '2.1.332';
/** Whether `retry-on` retries a failure of this cause with the same credential. */
function isRetried(retryOn, cause) {
    const { retry } = (0,_diagnosis_catalogue_js__WEBPACK_IMPORTED_MODULE_1__/* .causeOf */ .rl)(cause);
    if (retry === 'never')
        return false;
    if (retryOn.kind === 'transient')
        return retry === 'backoff' || retry === 'steady';
    if (retryOn.kind === 'any')
        return true;
    return retryOn.causes.includes(cause);
}
const retryOnText = (retryOn) => (retryOn.kind === 'causes' ? retryOn.causes.join(',') : retryOn.kind);
/** An input's value is echoed in its error cut to this many characters: enough to recognise it. */
const ECHOED_VALUE_CHARS = 200;
class InputError extends Error {
    input;
    value;
    allowed;
    constructor(input, value, allowed) {
        super(`Input '${input}' ${value === '' ? 'is empty' : `is ${JSON.stringify((0,_text_lines_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(value, ECHOED_VALUE_CHARS))}`}: ${allowed}`);
        this.input = input;
        this.value = value;
        this.allowed = allowed;
        this.name = 'InputError';
    }
}
function number(read, name, fallback, min, max, integer) {
    const raw = read(name).trim() || fallback;
    const value = Number(raw);
    const kind = integer ? 'a whole number' : 'a number';
    if (!/^\d+(\.\d+)?$/.test(raw) ||
        !Number.isFinite(value) ||
        (integer && !Number.isInteger(value)) ||
        value < min ||
        value > max) {
        throw new InputError(name, raw, `use ${kind} from ${min} to ${max}.`);
    }
    return value;
}
function choice(read, name, fallback, allowed) {
    const raw = (read(name).trim() || fallback).toLowerCase();
    if (!allowed.includes(raw)) {
        throw new InputError(name, raw, `use one of ${allowed.map((a) => `'${a}'`).join(', ')}.`);
    }
    return raw;
}
/** The causes `retry-on` may name: a cancellation, a bad input or a fault of the action is never retried. */
const RETRIABLE_CAUSES = _diagnosis_catalogue_js__WEBPACK_IMPORTED_MODULE_1__/* .CATALOGUE */ .yh.filter((cause) => cause.retry !== 'never').map((cause) => cause.id);
function flag(read, name, fallback) {
    const raw = read(name).trim();
    if (raw === '')
        return fallback;
    const value = raw.toLowerCase();
    if (value !== 'true' && value !== 'false')
        throw new InputError(name, raw, "use 'true' or 'false'.");
    return value === 'true';
}
function parseProbeModel(read) {
    const raw = read('probe-model').trim() || 'claude-haiku-4-5';
    if (!/^[\w.:@/-]+$/.test(raw)) {
        throw new InputError('probe-model', raw, 'use a model id such as claude-haiku-4-5 (letters, digits, and . - _ : @ /).');
    }
    return raw;
}
const optional = (value) => (value === '' ? undefined : value);
/** The leg of a matrix job, from `matrix` (by default the runner's `toJson(matrix)`); none outside a matrix. */
function parseMatrix(read) {
    const raw = read('matrix').trim();
    if (raw === '' || raw === 'null')
        return {};
    let values;
    try {
        values = JSON.parse(raw);
    }
    catch {
        throw new InputError('matrix', raw, 'use JSON, as `${{ toJson(matrix) }}` gives it, or leave the input out.');
    }
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
        throw new InputError('matrix', raw, 'use a JSON object of the matrix values, as `${{ toJson(matrix) }}` gives it.');
    }
    const leg = Object.entries(values)
        .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
        .join(', ');
    return leg ? { leg } : {};
}
function parseRetryOn(read) {
    const raw = read('retry-on').trim() || 'transient';
    if (raw === 'transient' || raw === 'any')
        return { kind: raw };
    const causes = raw
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
    const unknown = causes.filter((cause) => !RETRIABLE_CAUSES.includes(cause));
    if (causes.length === 0 || unknown.length > 0) {
        throw new InputError('retry-on', raw, `unknown cause ${unknown.map((u) => `'${u}'`).join(', ') || 'list'}; use 'transient', 'any' or a comma list of: ${RETRIABLE_CAUSES.join(', ')}.`);
    }
    return { kind: 'causes', causes: causes };
}
/** Flags the action sets itself; a second value would break the diagnosis. */
const RESERVED_CLAUDE_ARGS = ['-p', '--print', '--output-format'];
function parseClaudeArgs(read) {
    const raw = read('claude-args');
    // Expansion is not wanted (the runner already expanded ${{ }} expressions); `$` stays literal.
    const words = (0,shell_quote__WEBPACK_IMPORTED_MODULE_0__.parse)(raw, (name) => `$${name}`);
    const operators = words.filter((word) => typeof word !== 'string');
    if (operators.length > 0) {
        throw new InputError('claude-args', raw, 'only arguments are allowed, no shell operators, redirections or globs; quote them, or use the `command` input for a shell pipeline.');
    }
    const reserved = words.find((word) => RESERVED_CLAUDE_ARGS.includes(word.split('=')[0]));
    if (reserved !== undefined) {
        throw new InputError('claude-args', raw, `remove '${reserved}': the action runs \`claude -p\` with stream-json output itself to diagnose it.`);
    }
    return words;
}
function parseTask(read, files) {
    const mode = choice(read, 'mode', 'run', ['run', 'diagnose']);
    const logFile = read('log-file').trim();
    if (mode === 'diagnose') {
        const given = ['prompt', 'prompt-file', 'command'].find((name) => read(name).trim());
        if (given) {
            throw new InputError('mode', 'diagnose', `remove '${given}': in diagnose mode nothing is run, a finished run is diagnosed.`);
        }
        return { kind: 'diagnose', ...(logFile ? { logFile } : {}) };
    }
    if (logFile) {
        throw new InputError('log-file', logFile, "it is read only with 'mode: diagnose'; remove it, or set 'mode: diagnose'.");
    }
    const prompt = read('prompt');
    const promptFile = read('prompt-file').trim();
    const command = read('command').trim();
    const given = ['prompt', 'prompt-file', 'command'].filter((name) => read(name).trim());
    if (given.length === 0) {
        throw new InputError('prompt', prompt, "give one of 'prompt', 'prompt-file' or 'command'.");
    }
    if (given.length > 1) {
        throw new InputError(given[1], read(given[1]), `give only one of 'prompt', 'prompt-file' or 'command', not ${given.join(' and ')}.`);
    }
    if (command)
        return { kind: 'command', command };
    const claudePath = parseClaudePath(read);
    const claudeArgs = parseClaudeArgs(read);
    if (!promptFile)
        return { kind: 'prompt', prompt, claudeArgs, claudePath };
    const text = files.readText(promptFile);
    if (text === undefined)
        throw new InputError('prompt-file', promptFile, 'the file does not exist or cannot be read; give a path relative to the workspace.');
    if (!text.trim())
        throw new InputError('prompt-file', promptFile, 'the file is empty; write the prompt into it.');
    return { kind: 'prompt', prompt: text, claudeArgs, claudePath };
}
/** The longest path the system takes (PATH_MAX on Linux). */
const MAX_PATH_CHARS = 4096;
function parseClaudePath(read) {
    const raw = read('claude-path').trim() || 'claude';
    if (raw.length > MAX_PATH_CHARS || raw.includes('\0')) {
        throw new InputError('claude-path', raw, `use the name or path of the Claude Code executable: at most ${MAX_PATH_CHARS} characters, no NUL character.`);
    }
    return raw;
}
function parseClaudeVersion(read) {
    const raw = read('claude-version').trim() || PINNED_CLAUDE_VERSION;
    // Only what npm resolves from the registry: no ranges, URLs, paths or git specs.
    if (raw !== 'latest' && !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(raw)) {
        throw new InputError('claude-version', raw, `use an exact version such as '${PINNED_CLAUDE_VERSION}', or 'latest'.`);
    }
    return raw;
}
function parseSettings(read, files) {
    const workingDirectory = read('working-directory').trim() || '.';
    if (!files.isDirectory(workingDirectory)) {
        throw new InputError('working-directory', workingDirectory, 'the directory does not exist; check out the repository first or fix the path.');
    }
    return {
        task: parseTask(read, files),
        anthropicApiKey: optional(read('anthropic-api-key')),
        claudeCodeOauthToken: optional(read('claude-code-oauth-token')),
        fallbackApiKey: optional(read('fallback-api-key')),
        preflight: flag(read, 'preflight', true),
        verifyCredit: flag(read, 'verify-credit', true),
        probeModel: parseProbeModel(read),
        maxAttempts: number(read, 'max-attempts', '3', 1, 10, true),
        retryWaitSeconds: number(read, 'retry-wait-seconds', '10', 0, 3600, false),
        backoff: choice(read, 'backoff', 'exponential', ['exponential', 'fixed']),
        maxWaitSeconds: number(read, 'max-wait-seconds', '300', 0, 21600, false),
        retryOn: parseRetryOn(read),
        resumeOnRetry: flag(read, 'resume-on-retry', true),
        timeoutMs: number(read, 'timeout-minutes', '0', 0, 360, false) * 60_000,
        summary: choice(read, 'summary', 'always', ['always', 'on-failure', 'never']),
        workingDirectory,
        install: {
            mode: choice(read, 'install-claude', 'auto', ['auto', 'true', 'false']),
            version: parseClaudeVersion(read),
            claudePath: parseClaudePath(read),
        },
        comment: {
            onFailure: flag(read, 'comment-on-failure', false),
            githubToken: read('github-token').trim() || undefined,
            ...parseMatrix(read),
        },
    };
}
/** Each parsed input as one line for the debug log; credentials only as set or not, never their value. */
function describeSettings(settings) {
    const secret = (value) => (value === undefined ? 'not set' : 'set');
    const { task } = settings;
    const taskLines = task.kind === 'diagnose'
        ? ['mode: diagnose', `log-file: ${task.logFile ?? 'not set'}`]
        : task.kind === 'command'
            ? [`command: ${task.command.length} characters`]
            : [
                `prompt: ${task.prompt.length} characters`,
                `claude-path: ${task.claudePath}`,
                `claude-args: ${JSON.stringify(task.claudeArgs)}`,
            ];
    return [
        ...taskLines,
        `anthropic-api-key: ${secret(settings.anthropicApiKey)}`,
        `claude-code-oauth-token: ${secret(settings.claudeCodeOauthToken)}`,
        `fallback-api-key: ${secret(settings.fallbackApiKey)}`,
        `preflight: ${settings.preflight}`,
        `verify-credit: ${settings.verifyCredit}`,
        `probe-model: ${settings.probeModel}`,
        `max-attempts: ${settings.maxAttempts}`,
        `retry-wait-seconds: ${settings.retryWaitSeconds}`,
        `backoff: ${settings.backoff}`,
        `max-wait-seconds: ${settings.maxWaitSeconds}`,
        `retry-on: ${retryOnText(settings.retryOn)}`,
        `resume-on-retry: ${settings.resumeOnRetry}`,
        `timeout-minutes: ${settings.timeoutMs / 60_000}`,
        `summary: ${settings.summary}`,
        `working-directory: ${settings.workingDirectory}`,
        `install-claude: ${settings.install.mode}`,
        `claude-version: ${settings.install.version}`,
        `comment-on-failure: ${settings.comment.onFailure}`,
        `github-token: ${secret(settings.comment.githubToken)}`,
        `matrix: ${settings.comment.leg ?? 'not a matrix job'}`,
    ];
}


/***/ }),

/***/ 816:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   HD: () => (/* binding */ readable)
/* harmony export */ });
/* unused harmony exports TERMINAL_CONTROL, oneLine */
// Lines as a person reads them on screen, for evidence, the tail of the output and the patterns. Pure.
/** Evidence and tail lines are cut to this many characters; patterns only ever see this much of a line. */
const EVIDENCE_LINE_CHARS = 2000;
// Terminal escapes (colours, cursor moves) and the other control characters except tab.
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const TERMINAL_CONTROL = /\x1b\[[0-?]{0,32}[ -/]{0,8}[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f]/g;
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const NOT_PLAIN = /[\x00-\x08\x0a-\x1f\x7f]/;
/**
 * A line as it reads on screen: a `\r` progress line shows its last state, and colours and other
 * control characters are dropped.
 */
function readable(text) {
    if (!NOT_PLAIN.test(text))
        return text;
    return text
        .split('\n')
        .map((line) => {
        const shown = line.trimEnd();
        return shown.slice(shown.lastIndexOf('\r') + 1);
    })
        .join('\n')
        .replace(TERMINAL_CONTROL, '');
}
/** Text on one line, as a log line that carries outside text must be: line breaks become spaces, control characters go. */
function oneLine(text) {
    return text.replace(/\r\n|\r|\n/g, ' ').replace(TERMINAL_CONTROL, '');
}
function clip(line, max = EVIDENCE_LINE_CHARS) {
    return line.length > max ? `${line.slice(0, max)}… (${line.length - max} more characters)` : line;
}


/***/ }),

/***/ 421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 67:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 75:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 700:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  uB: () => (/* reexport */ command_Command),
  b7: () => (/* reexport */ CommanderError),
  c$: () => (/* reexport */ option_Option)
});

// UNUSED EXPORTS: Argument, Help, InvalidArgumentError, InvalidOptionArgumentError, createArgument, createCommand, createOption, program

;// CONCATENATED MODULE: ./node_modules/commander/lib/error.js
/**
 * CommanderError class
 */
class CommanderError extends Error {
  /**
   * Constructs the CommanderError class
   * @param {number} exitCode suggested exit code which could be used with process.exit
   * @param {string} code an id string representing the error
   * @param {string} message human-readable description of the error
   */
  constructor(exitCode, code, message) {
    super(message);
    // properly capture stack trace in Node.js
    Error.captureStackTrace(this, this.constructor);
    this.name = this.constructor.name;
    this.code = code;
    this.exitCode = exitCode;
    this.nestedError = undefined;
  }
}

/**
 * InvalidArgumentError class
 */
class InvalidArgumentError extends CommanderError {
  /**
   * Constructs the InvalidArgumentError class
   * @param {string} [message] explanation of why argument is invalid
   */
  constructor(message) {
    super(1, 'commander.invalidArgument', message);
    // properly capture stack trace in Node.js
    Error.captureStackTrace(this, this.constructor);
    this.name = this.constructor.name;
  }
}

;// CONCATENATED MODULE: ./node_modules/commander/lib/argument.js


class argument_Argument {
  /**
   * Initialize a new command argument with the given name and description.
   * The default is that the argument is required, and you can explicitly
   * indicate this with <> around the name. Put [] around the name for an optional argument.
   *
   * @param {string} name
   * @param {string} [description]
   */

  constructor(name, description) {
    this.description = description || '';
    this.variadic = false;
    this.parseArg = undefined;
    this.defaultValue = undefined;
    this.defaultValueDescription = undefined;
    this.argChoices = undefined;

    switch (name[0]) {
      case '<': // e.g. <required>
        this.required = true;
        this._name = name.slice(1, -1);
        break;
      case '[': // e.g. [optional]
        this.required = false;
        this._name = name.slice(1, -1);
        break;
      default:
        this.required = true;
        this._name = name;
        break;
    }

    if (this._name.endsWith('...')) {
      this.variadic = true;
      this._name = this._name.slice(0, -3);
    }
  }

  /**
   * Return argument name.
   *
   * @return {string}
   */

  name() {
    return this._name;
  }

  /**
   * @package
   */

  _collectValue(value, previous) {
    if (previous === this.defaultValue || !Array.isArray(previous)) {
      return [value];
    }

    previous.push(value);
    return previous;
  }

  /**
   * Set the default value, and optionally supply the description to be displayed in the help.
   *
   * @param {*} value
   * @param {string} [description]
   * @return {Argument}
   */

  default(value, description) {
    this.defaultValue = value;
    this.defaultValueDescription = description;
    return this;
  }

  /**
   * Set the custom handler for processing CLI command arguments into argument values.
   *
   * @param {Function} [fn]
   * @return {Argument}
   */

  argParser(fn) {
    this.parseArg = fn;
    return this;
  }

  /**
   * Only allow argument value to be one of choices.
   *
   * @param {string[]} values
   * @return {Argument}
   */

  choices(values) {
    this.argChoices = values.slice();
    this.parseArg = (arg, previous) => {
      if (!this.argChoices.includes(arg)) {
        throw new InvalidArgumentError(
          `Allowed choices are ${this.argChoices.join(', ')}.`,
        );
      }
      if (this.variadic) {
        return this._collectValue(arg, previous);
      }
      return arg;
    };
    return this;
  }

  /**
   * Make argument required.
   *
   * @returns {Argument}
   */
  argRequired() {
    this.required = true;
    return this;
  }

  /**
   * Make argument optional.
   *
   * @returns {Argument}
   */
  argOptional() {
    this.required = false;
    return this;
  }
}

/**
 * Takes an argument and returns its human readable equivalent for help usage.
 *
 * @param {Argument} arg
 * @return {string}
 * @private
 */

function humanReadableArgName(arg) {
  const nameOutput = arg.name() + (arg.variadic === true ? '...' : '');

  return arg.required ? '<' + nameOutput + '>' : '[' + nameOutput + ']';
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __nccwpck_require__(474);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(421);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: external "node:process"
const external_node_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");
;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./node_modules/commander/lib/help.js



/**
 * TypeScript import types for JSDoc, used by Visual Studio Code IntelliSense and `npm run typescript-checkJS`
 * https://www.typescriptlang.org/docs/handbook/jsdoc-supported-types.html#import-types
 * @typedef { import("./argument.js").Argument } Argument
 * @typedef { import("./command.js").Command } Command
 * @typedef { import("./option.js").Option } Option
 */

// Although this is a class, methods are static in style to allow override using subclass or just functions.
class Help {
  constructor() {
    this.helpWidth = undefined;
    this.minWidthToWrap = 40;
    this.sortSubcommands = false;
    this.sortOptions = false;
    this.showGlobalOptions = false;
  }

  /**
   * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
   * and just before calling `formatHelp()`.
   *
   * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
   *
   * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
   */
  prepareContext(contextOptions) {
    this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
  }

  /**
   * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
   *
   * @param {Command} cmd
   * @returns {Command[]}
   */

  visibleCommands(cmd) {
    const visibleCommands = cmd.commands.filter((cmd) => !cmd._hidden);
    const helpCommand = cmd._getHelpCommand();
    if (helpCommand && !helpCommand._hidden) {
      visibleCommands.push(helpCommand);
    }
    if (this.sortSubcommands) {
      visibleCommands.sort((a, b) => {
        // @ts-ignore: because overloaded return type
        return a.name().localeCompare(b.name());
      });
    }
    return visibleCommands;
  }

  /**
   * Compare options for sort.
   *
   * @param {Option} a
   * @param {Option} b
   * @returns {number}
   */
  compareOptions(a, b) {
    const getSortKey = (option) => {
      // WYSIWYG for order displayed in help. Short used for comparison if present. No special handling for negated.
      return option.short
        ? option.short.replace(/^-/, '')
        : option.long.replace(/^--/, '');
    };
    return getSortKey(a).localeCompare(getSortKey(b));
  }

  /**
   * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
   *
   * @param {Command} cmd
   * @returns {Option[]}
   */

  visibleOptions(cmd) {
    const visibleOptions = cmd.options.filter((option) => !option.hidden);
    // Built-in help option.
    const helpOption = cmd._getHelpOption();
    if (helpOption && !helpOption.hidden) {
      // Automatically hide conflicting flags. Bit dubious but a historical behaviour that is convenient for single-command programs.
      const removeShort = helpOption.short && cmd._findOption(helpOption.short);
      const removeLong = helpOption.long && cmd._findOption(helpOption.long);
      if (!removeShort && !removeLong) {
        visibleOptions.push(helpOption); // no changes needed
      } else if (helpOption.long && !removeLong) {
        visibleOptions.push(
          cmd
            .createOption(helpOption.long, helpOption.description)
            .helpGroup(helpOption.helpGroupHeading),
        );
      } else if (helpOption.short && !removeShort) {
        visibleOptions.push(
          cmd
            .createOption(helpOption.short, helpOption.description)
            .helpGroup(helpOption.helpGroupHeading),
        );
      }
    }
    if (this.sortOptions) {
      visibleOptions.sort(this.compareOptions);
    }
    return visibleOptions;
  }

  /**
   * Get an array of the visible global options. (Not including help.)
   *
   * @param {Command} cmd
   * @returns {Option[]}
   */

  visibleGlobalOptions(cmd) {
    if (!this.showGlobalOptions) return [];

    const globalOptions = [];
    for (
      let ancestorCmd = cmd.parent;
      ancestorCmd;
      ancestorCmd = ancestorCmd.parent
    ) {
      const visibleOptions = ancestorCmd.options.filter(
        (option) => !option.hidden,
      );
      globalOptions.push(...visibleOptions);
    }
    if (this.sortOptions) {
      globalOptions.sort(this.compareOptions);
    }
    return globalOptions;
  }

  /**
   * Get an array of the arguments if any have a description.
   *
   * @param {Command} cmd
   * @returns {Argument[]}
   */

  visibleArguments(cmd) {
    // Side effect! Apply the legacy descriptions before the arguments are displayed.
    if (cmd._argsDescription) {
      cmd.registeredArguments.forEach((argument) => {
        argument.description =
          argument.description || cmd._argsDescription[argument.name()] || '';
      });
    }

    // If there are any arguments with a description then return all the arguments.
    if (cmd.registeredArguments.find((argument) => argument.description)) {
      return cmd.registeredArguments;
    }
    return [];
  }

  /**
   * Get the command term to show in the list of subcommands.
   *
   * @param {Command} cmd
   * @returns {string}
   */

  subcommandTerm(cmd) {
    // Legacy. Ignores custom usage string, and nested commands.
    const args = cmd.registeredArguments
      .map((arg) => humanReadableArgName(arg))
      .join(' ');
    return (
      cmd._name +
      (cmd._aliases[0] ? '|' + cmd._aliases[0] : '') +
      (cmd.options.length ? ' [options]' : '') + // simplistic check for non-help option
      (args ? ' ' + args : '')
    );
  }

  /**
   * Get the option term to show in the list of options.
   *
   * @param {Option} option
   * @returns {string}
   */

  optionTerm(option) {
    return option.flags;
  }

  /**
   * Get the argument term to show in the list of arguments.
   *
   * @param {Argument} argument
   * @returns {string}
   */

  argumentTerm(argument) {
    return argument.name();
  }

  /**
   * Get the longest command term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestSubcommandTermLength(cmd, helper) {
    return helper.visibleCommands(cmd).reduce((max, command) => {
      return Math.max(
        max,
        this.displayWidth(
          helper.styleSubcommandTerm(helper.subcommandTerm(command)),
        ),
      );
    }, 0);
  }

  /**
   * Get the longest option term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestOptionTermLength(cmd, helper) {
    return helper.visibleOptions(cmd).reduce((max, option) => {
      return Math.max(
        max,
        this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option))),
      );
    }, 0);
  }

  /**
   * Get the longest global option term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestGlobalOptionTermLength(cmd, helper) {
    return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
      return Math.max(
        max,
        this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option))),
      );
    }, 0);
  }

  /**
   * Get the longest argument term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestArgumentTermLength(cmd, helper) {
    return helper.visibleArguments(cmd).reduce((max, argument) => {
      return Math.max(
        max,
        this.displayWidth(
          helper.styleArgumentTerm(helper.argumentTerm(argument)),
        ),
      );
    }, 0);
  }

  /**
   * Get the command usage to be displayed at the top of the built-in help.
   *
   * @param {Command} cmd
   * @returns {string}
   */

  commandUsage(cmd) {
    // Usage
    let cmdName = cmd._name;
    if (cmd._aliases[0]) {
      cmdName = cmdName + '|' + cmd._aliases[0];
    }
    let ancestorCmdNames = '';
    for (
      let ancestorCmd = cmd.parent;
      ancestorCmd;
      ancestorCmd = ancestorCmd.parent
    ) {
      ancestorCmdNames = ancestorCmd.name() + ' ' + ancestorCmdNames;
    }
    return ancestorCmdNames + cmdName + ' ' + cmd.usage();
  }

  /**
   * Get the description for the command.
   *
   * @param {Command} cmd
   * @returns {string}
   */

  commandDescription(cmd) {
    // @ts-ignore: because overloaded return type
    return cmd.description();
  }

  /**
   * Get the subcommand summary to show in the list of subcommands.
   * (Fallback to description for backwards compatibility.)
   *
   * @param {Command} cmd
   * @returns {string}
   */

  subcommandDescription(cmd) {
    // @ts-ignore: because overloaded return type
    return cmd.summary() || cmd.description();
  }

  /**
   * Get the option description to show in the list of options.
   *
   * @param {Option} option
   * @return {string}
   */

  optionDescription(option) {
    const extraInfo = [];

    if (option.argChoices) {
      extraInfo.push(
        // use stringify to match the display of the default value
        `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(', ')}`,
      );
    }
    if (option.defaultValue !== undefined) {
      // default for boolean and negated more for programmer than end user,
      // but show true/false for boolean option as may be for hand-rolled env or config processing.
      const showDefault =
        option.required ||
        option.optional ||
        (option.isBoolean() && typeof option.defaultValue === 'boolean');
      if (showDefault) {
        extraInfo.push(
          `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`,
        );
      }
    }
    // preset for boolean and negated are more for programmer than end user
    if (option.presetArg !== undefined && option.optional) {
      extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
    }
    if (option.envVar !== undefined) {
      extraInfo.push(`env: ${option.envVar}`);
    }
    if (extraInfo.length > 0) {
      const extraDescription = `(${extraInfo.join(', ')})`;
      if (option.description) {
        return `${option.description} ${extraDescription}`;
      }
      return extraDescription;
    }

    return option.description;
  }

  /**
   * Get the argument description to show in the list of arguments.
   *
   * @param {Argument} argument
   * @return {string}
   */

  argumentDescription(argument) {
    const extraInfo = [];
    if (argument.argChoices) {
      extraInfo.push(
        // use stringify to match the display of the default value
        `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(', ')}`,
      );
    }
    if (argument.defaultValue !== undefined) {
      extraInfo.push(
        `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`,
      );
    }
    if (extraInfo.length > 0) {
      const extraDescription = `(${extraInfo.join(', ')})`;
      if (argument.description) {
        return `${argument.description} ${extraDescription}`;
      }
      return extraDescription;
    }
    return argument.description;
  }

  /**
   * Format a list of items, given a heading and an array of formatted items.
   *
   * @param {string} heading
   * @param {string[]} items
   * @param {Help} helper
   * @returns string[]
   */
  formatItemList(heading, items, helper) {
    if (items.length === 0) return [];

    return [helper.styleTitle(heading), ...items, ''];
  }

  /**
   * Group items by their help group heading.
   *
   * @param {Command[] | Option[]} unsortedItems
   * @param {Command[] | Option[]} visibleItems
   * @param {Function} getGroup
   * @returns {Map<string, Command[] | Option[]>}
   */
  groupItems(unsortedItems, visibleItems, getGroup) {
    const result = new Map();
    // Add groups in order of appearance in unsortedItems.
    unsortedItems.forEach((item) => {
      const group = getGroup(item);
      if (!result.has(group)) result.set(group, []);
    });
    // Add items in order of appearance in visibleItems.
    visibleItems.forEach((item) => {
      const group = getGroup(item);
      if (!result.has(group)) {
        result.set(group, []);
      }
      result.get(group).push(item);
    });
    return result;
  }

  /**
   * Generate the built-in help text.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {string}
   */

  formatHelp(cmd, helper) {
    const termWidth = helper.padWidth(cmd, helper);
    const helpWidth = helper.helpWidth ?? 80; // in case prepareContext() was not called

    function callFormatItem(term, description) {
      return helper.formatItem(term, termWidth, description, helper);
    }

    // Usage
    let output = [
      `${helper.styleTitle('Usage:')} ${helper.styleUsage(helper.commandUsage(cmd))}`,
      '',
    ];

    // Description
    const commandDescription = helper.commandDescription(cmd);
    if (commandDescription.length > 0) {
      output = output.concat([
        helper.boxWrap(
          helper.styleCommandDescription(commandDescription),
          helpWidth,
        ),
        '',
      ]);
    }

    // Arguments
    const argumentList = helper.visibleArguments(cmd).map((argument) => {
      return callFormatItem(
        helper.styleArgumentTerm(helper.argumentTerm(argument)),
        helper.styleArgumentDescription(helper.argumentDescription(argument)),
      );
    });
    output = output.concat(
      this.formatItemList('Arguments:', argumentList, helper),
    );

    // Options
    const optionGroups = this.groupItems(
      cmd.options,
      helper.visibleOptions(cmd),
      (option) => option.helpGroupHeading ?? 'Options:',
    );
    optionGroups.forEach((options, group) => {
      const optionList = options.map((option) => {
        return callFormatItem(
          helper.styleOptionTerm(helper.optionTerm(option)),
          helper.styleOptionDescription(helper.optionDescription(option)),
        );
      });
      output = output.concat(this.formatItemList(group, optionList, helper));
    });

    if (helper.showGlobalOptions) {
      const globalOptionList = helper
        .visibleGlobalOptions(cmd)
        .map((option) => {
          return callFormatItem(
            helper.styleOptionTerm(helper.optionTerm(option)),
            helper.styleOptionDescription(helper.optionDescription(option)),
          );
        });
      output = output.concat(
        this.formatItemList('Global Options:', globalOptionList, helper),
      );
    }

    // Commands
    const commandGroups = this.groupItems(
      cmd.commands,
      helper.visibleCommands(cmd),
      (sub) => sub.helpGroup() || 'Commands:',
    );
    commandGroups.forEach((commands, group) => {
      const commandList = commands.map((sub) => {
        return callFormatItem(
          helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
          helper.styleSubcommandDescription(helper.subcommandDescription(sub)),
        );
      });
      output = output.concat(this.formatItemList(group, commandList, helper));
    });

    return output.join('\n');
  }

  /**
   * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
   *
   * @param {string} str
   * @returns {number}
   */
  displayWidth(str) {
    return (0,external_node_util_namespaceObject.stripVTControlCharacters)(str).length;
  }

  /**
   * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
   *
   * @param {string} str
   * @returns {string}
   */
  styleTitle(str) {
    return str;
  }

  styleUsage(str) {
    // Usage has lots of parts the user might like to color separately! Assume default usage string which is formed like:
    //    command subcommand [options] [command] <foo> [bar]
    return str
      .split(' ')
      .map((word) => {
        if (word === '[options]') return this.styleOptionText(word);
        if (word === '[command]') return this.styleSubcommandText(word);
        if (word[0] === '[' || word[0] === '<')
          return this.styleArgumentText(word);
        return this.styleCommandText(word); // Restrict to initial words?
      })
      .join(' ');
  }
  styleCommandDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleOptionDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleSubcommandDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleArgumentDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleDescriptionText(str) {
    return str;
  }
  styleOptionTerm(str) {
    return this.styleOptionText(str);
  }
  styleSubcommandTerm(str) {
    // This is very like usage with lots of parts! Assume default string which is formed like:
    //    subcommand [options] <foo> [bar]
    return str
      .split(' ')
      .map((word) => {
        if (word === '[options]') return this.styleOptionText(word);
        if (word[0] === '[' || word[0] === '<')
          return this.styleArgumentText(word);
        return this.styleSubcommandText(word); // Restrict to initial words?
      })
      .join(' ');
  }
  styleArgumentTerm(str) {
    return this.styleArgumentText(str);
  }
  styleOptionText(str) {
    return str;
  }
  styleArgumentText(str) {
    return str;
  }
  styleSubcommandText(str) {
    return str;
  }
  styleCommandText(str) {
    return str;
  }

  /**
   * Calculate the pad width from the maximum term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  padWidth(cmd, helper) {
    return Math.max(
      helper.longestOptionTermLength(cmd, helper),
      helper.longestGlobalOptionTermLength(cmd, helper),
      helper.longestSubcommandTermLength(cmd, helper),
      helper.longestArgumentTermLength(cmd, helper),
    );
  }

  /**
   * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
   *
   * @param {string} str
   * @returns {boolean}
   */
  preformatted(str) {
    return /\n[^\S\r\n]/.test(str);
  }

  /**
   * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
   *
   * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
   *   TTT  DDD DDDD
   *        DD DDD
   *
   * @param {string} term
   * @param {number} termWidth
   * @param {string} description
   * @param {Help} helper
   * @returns {string}
   */
  formatItem(term, termWidth, description, helper) {
    const itemIndent = 2;
    const itemIndentStr = ' '.repeat(itemIndent);
    if (!description) return itemIndentStr + term;

    // Pad the term out to a consistent width, so descriptions are aligned.
    const paddedTerm = term.padEnd(
      termWidth + term.length - helper.displayWidth(term),
    );

    // Format the description.
    const spacerWidth = 2; // between term and description
    const helpWidth = this.helpWidth ?? 80; // in case prepareContext() was not called
    const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
    let formattedDescription;
    if (
      remainingWidth < this.minWidthToWrap ||
      helper.preformatted(description)
    ) {
      formattedDescription = description;
    } else {
      const wrappedDescription = helper.boxWrap(description, remainingWidth);
      formattedDescription = wrappedDescription.replace(
        /\n/g,
        '\n' + ' '.repeat(termWidth + spacerWidth),
      );
    }

    // Construct and overall indent.
    return (
      itemIndentStr +
      paddedTerm +
      ' '.repeat(spacerWidth) +
      formattedDescription.replace(/\n/g, `\n${itemIndentStr}`)
    );
  }

  /**
   * Wrap a string at whitespace, preserving existing line breaks.
   * Wrapping is skipped if the width is less than `minWidthToWrap`.
   *
   * @param {string} str
   * @param {number} width
   * @returns {string}
   */
  boxWrap(str, width) {
    if (width < this.minWidthToWrap) return str;

    const rawLines = str.split(/\r\n|\n/);
    // split up text by whitespace
    const chunkPattern = /[\s]*[^\s]+/g;
    const wrappedLines = [];
    rawLines.forEach((line) => {
      const chunks = line.match(chunkPattern);
      if (chunks === null) {
        wrappedLines.push('');
        return;
      }

      let sumChunks = [chunks.shift()];
      let sumWidth = this.displayWidth(sumChunks[0]);
      chunks.forEach((chunk) => {
        const visibleWidth = this.displayWidth(chunk);
        // Accumulate chunks while they fit into width.
        if (sumWidth + visibleWidth <= width) {
          sumChunks.push(chunk);
          sumWidth += visibleWidth;
          return;
        }
        wrappedLines.push(sumChunks.join(''));

        const nextChunk = chunk.trimStart(); // trim space at line break
        sumChunks = [nextChunk];
        sumWidth = this.displayWidth(nextChunk);
      });
      wrappedLines.push(sumChunks.join(''));
    });

    return wrappedLines.join('\n');
  }
}

;// CONCATENATED MODULE: ./node_modules/commander/lib/option.js


class option_Option {
  /**
   * Initialize a new `Option` with the given `flags` and `description`.
   *
   * @param {string} flags
   * @param {string} [description]
   */

  constructor(flags, description) {
    this.flags = flags;
    this.description = description || '';

    this.required = flags.includes('<'); // A value must be supplied when the option is specified.
    this.optional = flags.includes('['); // A value is optional when the option is specified.
    // variadic test ignores <value,...> et al which might be used to describe custom splitting of single argument
    this.variadic = /\p{ID_Continue}\.\.\.[>\]]$/u.test(flags); // The option can take multiple values.
    this.mandatory = false; // The option must have a value after parsing, which usually means it must be specified on command line.
    const optionFlags = splitOptionFlags(flags);
    this.short = optionFlags.shortFlag; // May be a short flag, undefined, or even a long flag (if option has two long flags).
    this.long = optionFlags.longFlag;
    this.negate = false;
    if (this.long) {
      this.negate = this.long.startsWith('--no-');
    }
    this.defaultValue = undefined;
    this.defaultValueDescription = undefined;
    this.presetArg = undefined;
    this.envVar = undefined;
    this.parseArg = undefined;
    this.hidden = false;
    this.argChoices = undefined;
    this.conflictsWith = [];
    this.implied = undefined;
    this.helpGroupHeading = undefined; // soft initialised when option added to command
  }

  /**
   * Set the default value, and optionally supply the description to be displayed in the help.
   *
   * @param {*} value
   * @param {string} [description]
   * @return {Option}
   */

  default(value, description) {
    this.defaultValue = value;
    this.defaultValueDescription = description;
    return this;
  }

  /**
   * Preset to use when option used without option-argument, especially optional but also boolean and negated.
   * The custom processing (parseArg) is called.
   *
   * @example
   * new Option('--color').default('GREYSCALE').preset('RGB');
   * new Option('--donate [amount]').preset('20').argParser(parseFloat);
   *
   * @param {*} arg
   * @return {Option}
   */

  preset(arg) {
    this.presetArg = arg;
    return this;
  }

  /**
   * Add option name(s) that conflict with this option.
   * An error will be displayed if conflicting options are found during parsing.
   *
   * @example
   * new Option('--rgb').conflicts('cmyk');
   * new Option('--js').conflicts(['ts', 'jsx']);
   *
   * @param {(string | string[])} names
   * @return {Option}
   */

  conflicts(names) {
    this.conflictsWith = this.conflictsWith.concat(names);
    return this;
  }

  /**
   * Specify implied option values for when this option is set and the implied options are not.
   *
   * The custom processing (parseArg) is not called on the implied values.
   *
   * @example
   * program
   *   .addOption(new Option('--log', 'write logging information to file'))
   *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
   *
   * @param {object} impliedOptionValues
   * @return {Option}
   */
  implies(impliedOptionValues) {
    let newImplied = impliedOptionValues;
    if (typeof impliedOptionValues === 'string') {
      // string is not documented, but easy mistake and we can do what user probably intended.
      newImplied = { [impliedOptionValues]: true };
    }
    this.implied = Object.assign(this.implied || {}, newImplied);
    return this;
  }

  /**
   * Set environment variable to check for option value.
   *
   * An environment variable is only used if when processed the current option value is
   * undefined, or the source of the current value is 'default' or 'config' or 'env'.
   *
   * @param {string} name
   * @return {Option}
   */

  env(name) {
    this.envVar = name;
    return this;
  }

  /**
   * Set the custom handler for processing CLI option arguments into option values.
   *
   * @param {Function} [fn]
   * @return {Option}
   */

  argParser(fn) {
    this.parseArg = fn;
    return this;
  }

  /**
   * Whether the option is mandatory and must have a value after parsing.
   *
   * @param {boolean} [mandatory=true]
   * @return {Option}
   */

  makeOptionMandatory(mandatory = true) {
    this.mandatory = !!mandatory;
    return this;
  }

  /**
   * Hide option in help.
   *
   * @param {boolean} [hide=true]
   * @return {Option}
   */

  hideHelp(hide = true) {
    this.hidden = !!hide;
    return this;
  }

  /**
   * @package
   */

  _collectValue(value, previous) {
    if (previous === this.defaultValue || !Array.isArray(previous)) {
      return [value];
    }

    previous.push(value);
    return previous;
  }

  /**
   * Only allow option value to be one of choices.
   *
   * @param {string[]} values
   * @return {Option}
   */

  choices(values) {
    this.argChoices = values.slice();
    this.parseArg = (arg, previous) => {
      if (!this.argChoices.includes(arg)) {
        throw new InvalidArgumentError(
          `Allowed choices are ${this.argChoices.join(', ')}.`,
        );
      }
      if (this.variadic) {
        return this._collectValue(arg, previous);
      }
      return arg;
    };
    return this;
  }

  /**
   * Return option name.
   *
   * @return {string}
   */

  name() {
    if (this.long) {
      return this.long.replace(/^--/, '');
    }
    return this.short.replace(/^-/, '');
  }

  /**
   * Return option name, in a camelcase format that can be used
   * as an object attribute key.
   *
   * @return {string}
   */

  attributeName() {
    if (this.negate) {
      return camelcase(this.name().replace(/^no-/, ''));
    }
    return camelcase(this.name());
  }

  /**
   * Set the help group heading.
   *
   * @param {string} heading
   * @return {Option}
   */
  helpGroup(heading) {
    this.helpGroupHeading = heading;
    return this;
  }

  /**
   * Check if `arg` matches the short or long flag.
   *
   * @param {string} arg
   * @return {boolean}
   * @package
   */

  is(arg) {
    return this.short === arg || this.long === arg;
  }

  /**
   * Return whether a boolean option.
   *
   * Options are one of boolean, negated, required argument, or optional argument.
   *
   * @return {boolean}
   * @package
   */

  isBoolean() {
    return !this.required && !this.optional && !this.negate;
  }
}

/**
 * This class is to make it easier to work with dual options, without changing the existing
 * implementation. We support separate dual options for separate positive and negative options,
 * like `--build` and `--no-build`, which share a single option value. This works nicely for some
 * use cases, but is tricky for others where we want separate behaviours despite
 * the single shared option value.
 */
class DualOptions {
  /**
   * @param {Option[]} options
   */
  constructor(options) {
    this.positiveOptions = new Map();
    this.negativeOptions = new Map();
    this.dualOptions = new Set();
    options.forEach((option) => {
      if (option.negate) {
        this.negativeOptions.set(option.attributeName(), option);
      } else {
        this.positiveOptions.set(option.attributeName(), option);
      }
    });
    this.negativeOptions.forEach((value, key) => {
      if (this.positiveOptions.has(key)) {
        this.dualOptions.add(key);
      }
    });
  }

  /**
   * Did the value come from the option, and not from possible matching dual option?
   *
   * @param {*} value
   * @param {Option} option
   * @returns {boolean}
   */
  valueFromOption(value, option) {
    const optionKey = option.attributeName();
    if (!this.dualOptions.has(optionKey)) return true;

    // Use the value to deduce if (probably) came from the option.
    const preset = this.negativeOptions.get(optionKey).presetArg;
    const negativeValue = preset !== undefined ? preset : false;
    return option.negate === (negativeValue === value);
  }
}

/**
 * Convert string from kebab-case to camelCase.
 *
 * @param {string} str
 * @return {string}
 * @private
 */

function camelcase(str) {
  return str.split('-').reduce((str, word) => {
    return str + word[0].toUpperCase() + word.slice(1);
  });
}

/**
 * Split the short and long flag out of something like '-m,--mixed <value>'
 *
 * @private
 */

function splitOptionFlags(flags) {
  let shortFlag;
  let longFlag;
  // short flag, single dash and single character
  const shortFlagExp = /^-[^-]$/;
  // long flag, double dash and at least one character
  const longFlagExp = /^--[^-]/;

  const flagParts = flags.split(/[ |,]+/).concat('guard');
  // Normal is short and/or long.
  if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
  if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
  // Long then short. Rarely used but fine.
  if (!shortFlag && shortFlagExp.test(flagParts[0]))
    shortFlag = flagParts.shift();
  // Allow two long flags, like '--ws, --workspace'
  // This is the supported way to have a shortish option flag.
  if (!shortFlag && longFlagExp.test(flagParts[0])) {
    shortFlag = longFlag;
    longFlag = flagParts.shift();
  }

  // Check for unprocessed flag. Fail noisily rather than silently ignore.
  if (flagParts[0].startsWith('-')) {
    const unsupportedFlag = flagParts[0];
    const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
    if (/^-[^-][^-]/.test(unsupportedFlag))
      throw new Error(
        `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`,
      );
    if (shortFlagExp.test(unsupportedFlag))
      throw new Error(`${baseError}
- too many short flags`);
    if (longFlagExp.test(unsupportedFlag))
      throw new Error(`${baseError}
- too many long flags`);

    throw new Error(`${baseError}
- unrecognised flag format`);
  }
  if (shortFlag === undefined && longFlag === undefined)
    throw new Error(
      `option creation failed due to no flags found in '${flags}'.`,
    );

  return { shortFlag, longFlag };
}

;// CONCATENATED MODULE: ./node_modules/commander/lib/suggestSimilar.js
const maxDistance = 3;

function editDistance(a, b) {
  // https://en.wikipedia.org/wiki/Damerau–Levenshtein_distance
  // Calculating optimal string alignment distance, no substring is edited more than once.
  // (Simple implementation.)

  // Quick early exit, return worst case.
  if (Math.abs(a.length - b.length) > maxDistance)
    return Math.max(a.length, b.length);

  // distance between prefix substrings of a and b
  const d = [];

  // pure deletions turn a into empty string
  for (let i = 0; i <= a.length; i++) {
    d[i] = [i];
  }
  // pure insertions turn empty string into b
  for (let j = 0; j <= b.length; j++) {
    d[0][j] = j;
  }

  // fill matrix
  for (let j = 1; j <= b.length; j++) {
    for (let i = 1; i <= a.length; i++) {
      let cost;
      if (a[i - 1] === b[j - 1]) {
        cost = 0;
      } else {
        cost = 1;
      }
      d[i][j] = Math.min(
        d[i - 1][j] + 1, // deletion
        d[i][j - 1] + 1, // insertion
        d[i - 1][j - 1] + cost, // substitution
      );
      // transposition
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }

  return d[a.length][b.length];
}

/**
 * Find close matches, restricted to same number of edits.
 *
 * @param {string} word
 * @param {string[]} candidates
 * @returns {string}
 */

function suggestSimilar(word, candidates) {
  if (!candidates || candidates.length === 0) return '';
  // remove possible duplicates
  candidates = Array.from(new Set(candidates));

  const searchingOptions = word.startsWith('--');
  if (searchingOptions) {
    word = word.slice(2);
    candidates = candidates.map((candidate) => candidate.slice(2));
  }

  let similar = [];
  let bestDistance = maxDistance;
  const minSimilarity = 0.4;
  candidates.forEach((candidate) => {
    if (candidate.length <= 1) return; // no one character guesses

    const distance = editDistance(word, candidate);
    const length = Math.max(word.length, candidate.length);
    const similarity = (length - distance) / length;
    if (similarity > minSimilarity) {
      if (distance < bestDistance) {
        // better edit distance, throw away previous worse matches
        bestDistance = distance;
        similar = [candidate];
      } else if (distance === bestDistance) {
        similar.push(candidate);
      }
    }
  });

  similar.sort((a, b) => a.localeCompare(b));
  if (searchingOptions) {
    similar = similar.map((candidate) => `--${candidate}`);
  }

  if (similar.length > 1) {
    return `\n(Did you mean one of ${similar.join(', ')}?)`;
  }
  if (similar.length === 1) {
    return `\n(Did you mean ${similar[0]}?)`;
  }
  return '';
}

;// CONCATENATED MODULE: ./node_modules/commander/lib/command.js













class command_Command extends external_node_events_.EventEmitter {
  /**
   * Initialize a new `Command`.
   *
   * @param {string} [name]
   */

  constructor(name) {
    super();
    /** @type {Command[]} */
    this.commands = [];
    /** @type {Option[]} */
    this.options = [];
    this.parent = null;
    this._allowUnknownOption = false;
    this._allowExcessArguments = false;
    /** @type {Argument[]} */
    this.registeredArguments = [];
    this._args = this.registeredArguments; // deprecated old name
    /** @type {string[]} */
    this.args = []; // cli args with options removed
    this.rawArgs = [];
    this.processedArgs = []; // like .args but after custom processing and collecting variadic
    this._scriptPath = null;
    this._name = name || '';
    this._optionValues = {};
    this._optionValueSources = {}; // default, env, cli etc
    this._storeOptionsAsProperties = false;
    this._actionHandler = null;
    this._executableHandler = false;
    this._executableFile = null; // custom name for executable
    this._executableDir = null; // custom search directory for subcommands
    this._defaultCommandName = null;
    this._exitCallback = null;
    this._aliases = [];
    this._combineFlagAndOptionalValue = true;
    this._description = '';
    this._summary = '';
    this._argsDescription = undefined; // legacy
    this._enablePositionalOptions = false;
    this._passThroughOptions = false;
    this._lifeCycleHooks = {}; // a hash of arrays
    /** @type {(boolean | string)} */
    this._showHelpAfterError = false;
    this._showSuggestionAfterError = true;
    this._savedState = null; // used in save/restoreStateBeforeParse

    // see configureOutput() for docs
    this._outputConfiguration = {
      writeOut: (str) => external_node_process_namespaceObject.stdout.write(str),
      writeErr: (str) => external_node_process_namespaceObject.stderr.write(str),
      outputError: (str, write) => write(str),
      getOutHelpWidth: () =>
        external_node_process_namespaceObject.stdout.isTTY ? external_node_process_namespaceObject.stdout.columns : undefined,
      getErrHelpWidth: () =>
        external_node_process_namespaceObject.stderr.isTTY ? external_node_process_namespaceObject.stderr.columns : undefined,
      getOutHasColors: () =>
        useColor() ?? (external_node_process_namespaceObject.stdout.isTTY && external_node_process_namespaceObject.stdout.hasColors?.()),
      getErrHasColors: () =>
        useColor() ?? (external_node_process_namespaceObject.stderr.isTTY && external_node_process_namespaceObject.stderr.hasColors?.()),
      stripColor: (str) => (0,external_node_util_namespaceObject.stripVTControlCharacters)(str),
    };

    this._hidden = false;
    /** @type {(Option | null | undefined)} */
    this._helpOption = undefined; // Lazy created on demand. May be null if help option is disabled.
    this._addImplicitHelpCommand = undefined; // undecided whether true or false yet, not inherited
    /** @type {Command} */
    this._helpCommand = undefined; // lazy initialised, inherited
    this._helpConfiguration = {};
    /** @type {string | undefined} */
    this._helpGroupHeading = undefined; // soft initialised when added to parent
    /** @type {string | undefined} */
    this._defaultCommandGroup = undefined;
    /** @type {string | undefined} */
    this._defaultOptionGroup = undefined;
  }

  /**
   * Copy settings that are useful to have in common across root command and subcommands.
   *
   * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
   *
   * @param {Command} sourceCommand
   * @return {Command} `this` command for chaining
   */
  copyInheritedSettings(sourceCommand) {
    this._outputConfiguration = sourceCommand._outputConfiguration;
    this._helpOption = sourceCommand._helpOption;
    this._helpCommand = sourceCommand._helpCommand;
    this._helpConfiguration = sourceCommand._helpConfiguration;
    this._exitCallback = sourceCommand._exitCallback;
    this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
    this._combineFlagAndOptionalValue =
      sourceCommand._combineFlagAndOptionalValue;
    this._allowExcessArguments = sourceCommand._allowExcessArguments;
    this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
    this._showHelpAfterError = sourceCommand._showHelpAfterError;
    this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;

    return this;
  }

  /**
   * @returns {Command[]}
   * @private
   */

  _getCommandAndAncestors() {
    const result = [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    for (let command = this; command; command = command.parent) {
      result.push(command);
    }
    return result;
  }

  /**
   * Define a command.
   *
   * There are two styles of command: pay attention to where to put the description.
   *
   * @example
   * // Command implemented using action handler (description is supplied separately to `.command`)
   * program
   *   .command('clone <source> [destination]')
   *   .description('clone a repository into a newly created directory')
   *   .action((source, destination) => {
   *     console.log('clone command called');
   *   });
   *
   * // Command implemented using separate executable file (description is second parameter to `.command`)
   * program
   *   .command('start <service>', 'start named service')
   *   .command('stop [service]', 'stop named service, or all if no name supplied');
   *
   * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
   * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
   * @param {object} [execOpts] - configuration options (for executable)
   * @return {Command} returns new command for action handler, or `this` for executable command
   */

  command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
    let desc = actionOptsOrExecDesc;
    let opts = execOpts;
    if (typeof desc === 'object' && desc !== null) {
      opts = desc;
      desc = null;
    }
    opts = opts || {};
    const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);

    const cmd = this.createCommand(name);
    if (desc) {
      cmd.description(desc);
      cmd._executableHandler = true;
    }
    if (opts.isDefault) this._defaultCommandName = cmd._name;
    cmd._hidden = !!(opts.noHelp || opts.hidden); // noHelp is deprecated old name for hidden
    cmd._executableFile = opts.executableFile || null; // Custom name for executable file, set missing to null to match constructor
    if (args) cmd.arguments(args);
    this._registerCommand(cmd);
    cmd.parent = this;
    cmd.copyInheritedSettings(this);

    if (desc) return this;
    return cmd;
  }

  /**
   * Factory routine to create a new unattached command.
   *
   * See .command() for creating an attached subcommand, which uses this routine to
   * create the command. You can override createCommand to customise subcommands.
   *
   * @param {string} [name]
   * @return {Command} new command
   */

  createCommand(name) {
    return new command_Command(name);
  }

  /**
   * You can customise the help with a subclass of Help by overriding createHelp,
   * or by overriding Help properties using configureHelp().
   *
   * @return {Help}
   */

  createHelp() {
    return Object.assign(new Help(), this.configureHelp());
  }

  /**
   * You can customise the help by overriding Help properties using configureHelp(),
   * or with a subclass of Help by overriding createHelp().
   *
   * @param {object} [configuration] - configuration options
   * @return {(Command | object)} `this` command for chaining, or stored configuration
   */

  configureHelp(configuration) {
    if (configuration === undefined) return this._helpConfiguration;

    this._helpConfiguration = configuration;
    return this;
  }

  /**
   * The default output goes to stdout and stderr. You can customise this for special
   * applications. You can also customise the display of errors by overriding outputError.
   *
   * The configuration properties are all functions:
   *
   *     // change how output being written, defaults to stdout and stderr
   *     writeOut(str)
   *     writeErr(str)
   *     // change how output being written for errors, defaults to writeErr
   *     outputError(str, write) // used for displaying errors and not used for displaying help
   *     // specify width for wrapping help
   *     getOutHelpWidth()
   *     getErrHelpWidth()
   *     // color support, currently only used with Help
   *     getOutHasColors()
   *     getErrHasColors()
   *     stripColor() // used to remove ANSI escape codes if output does not have colors
   *
   * @param {object} [configuration] - configuration options
   * @return {(Command | object)} `this` command for chaining, or stored configuration
   */

  configureOutput(configuration) {
    if (configuration === undefined) return this._outputConfiguration;

    this._outputConfiguration = {
      ...this._outputConfiguration,
      ...configuration,
    };
    return this;
  }

  /**
   * Display the help or a custom message after an error occurs.
   *
   * @param {(boolean|string)} [displayHelp]
   * @return {Command} `this` command for chaining
   */
  showHelpAfterError(displayHelp = true) {
    if (typeof displayHelp !== 'string') displayHelp = !!displayHelp;
    this._showHelpAfterError = displayHelp;
    return this;
  }

  /**
   * Display suggestion of similar commands for unknown commands, or options for unknown options.
   *
   * @param {boolean} [displaySuggestion]
   * @return {Command} `this` command for chaining
   */
  showSuggestionAfterError(displaySuggestion = true) {
    this._showSuggestionAfterError = !!displaySuggestion;
    return this;
  }

  /**
   * Add a prepared subcommand.
   *
   * See .command() for creating an attached subcommand which inherits settings from its parent.
   *
   * @param {Command} cmd - new subcommand
   * @param {object} [opts] - configuration options
   * @return {Command} `this` command for chaining
   */

  addCommand(cmd, opts) {
    if (!cmd._name) {
      throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
    }

    opts = opts || {};
    if (opts.isDefault) this._defaultCommandName = cmd._name;
    if (opts.noHelp || opts.hidden) cmd._hidden = true; // modifying passed command due to existing implementation

    this._registerCommand(cmd);
    cmd.parent = this;
    cmd._checkForBrokenPassThrough();

    return this;
  }

  /**
   * Factory routine to create a new unattached argument.
   *
   * See .argument() for creating an attached argument, which uses this routine to
   * create the argument. You can override createArgument to return a custom argument.
   *
   * @param {string} name
   * @param {string} [description]
   * @return {Argument} new argument
   */

  createArgument(name, description) {
    return new argument_Argument(name, description);
  }

  /**
   * Define argument syntax for command.
   *
   * The default is that the argument is required, and you can explicitly
   * indicate this with <> around the name. Put [] around the name for an optional argument.
   *
   * @example
   * program.argument('<input-file>');
   * program.argument('[output-file]');
   *
   * @param {string} name
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom argument processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */
  argument(name, description, parseArg, defaultValue) {
    const argument = this.createArgument(name, description);
    if (typeof parseArg === 'function') {
      argument.default(defaultValue).argParser(parseArg);
    } else {
      argument.default(parseArg);
    }
    this.addArgument(argument);
    return this;
  }

  /**
   * Define argument syntax for command, adding multiple at once (without descriptions).
   *
   * See also .argument().
   *
   * @example
   * program.arguments('<cmd> [env]');
   *
   * @param {string} names
   * @return {Command} `this` command for chaining
   */

  arguments(names) {
    names
      .trim()
      .split(/ +/)
      .forEach((detail) => {
        this.argument(detail);
      });
    return this;
  }

  /**
   * Define argument syntax for command, adding a prepared argument.
   *
   * @param {Argument} argument
   * @return {Command} `this` command for chaining
   */
  addArgument(argument) {
    const previousArgument = this.registeredArguments.slice(-1)[0];
    if (previousArgument?.variadic) {
      throw new Error(
        `only the last argument can be variadic '${previousArgument.name()}'`,
      );
    }
    if (
      argument.required &&
      argument.defaultValue !== undefined &&
      argument.parseArg === undefined
    ) {
      throw new Error(
        `a default value for a required argument is never used: '${argument.name()}'`,
      );
    }
    this.registeredArguments.push(argument);
    return this;
  }

  /**
   * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
   *
   * @example
   *    program.helpCommand('help [cmd]');
   *    program.helpCommand('help [cmd]', 'show help');
   *    program.helpCommand(false); // suppress default help command
   *    program.helpCommand(true); // add help command even if no subcommands
   *
   * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
   * @param {string} [description] - custom description
   * @return {Command} `this` command for chaining
   */

  helpCommand(enableOrNameAndArgs, description) {
    if (typeof enableOrNameAndArgs === 'boolean') {
      this._addImplicitHelpCommand = enableOrNameAndArgs;
      if (enableOrNameAndArgs && this._defaultCommandGroup) {
        // make the command to store the group
        this._initCommandGroup(this._getHelpCommand());
      }
      return this;
    }

    const nameAndArgs = enableOrNameAndArgs ?? 'help [command]';
    const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
    const helpDescription = description ?? 'display help for command';

    const helpCommand = this.createCommand(helpName);
    helpCommand.helpOption(false);
    if (helpArgs) helpCommand.arguments(helpArgs);
    if (helpDescription) helpCommand.description(helpDescription);

    this._addImplicitHelpCommand = true;
    this._helpCommand = helpCommand;
    // init group unless lazy create
    if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);

    return this;
  }

  /**
   * Add prepared custom help command.
   *
   * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
   * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
   * @return {Command} `this` command for chaining
   */
  addHelpCommand(helpCommand, deprecatedDescription) {
    // If not passed an object, call through to helpCommand for backwards compatibility,
    // as addHelpCommand was originally used like helpCommand is now.
    if (typeof helpCommand !== 'object') {
      this.helpCommand(helpCommand, deprecatedDescription);
      return this;
    }

    this._addImplicitHelpCommand = true;
    this._helpCommand = helpCommand;
    this._initCommandGroup(helpCommand);
    return this;
  }

  /**
   * Lazy create help command.
   *
   * @return {(Command|null)}
   * @package
   */
  _getHelpCommand() {
    const hasImplicitHelpCommand =
      this._addImplicitHelpCommand ??
      (this.commands.length &&
        !this._actionHandler &&
        !this._findCommand('help'));

    if (hasImplicitHelpCommand) {
      if (this._helpCommand === undefined) {
        this.helpCommand(undefined, undefined); // use default name and description
      }
      return this._helpCommand;
    }
    return null;
  }

  /**
   * Add hook for life cycle event.
   *
   * @param {string} event
   * @param {Function} listener
   * @return {Command} `this` command for chaining
   */

  hook(event, listener) {
    const allowedValues = ['preSubcommand', 'preAction', 'postAction'];
    if (!allowedValues.includes(event)) {
      throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
    }
    if (this._lifeCycleHooks[event]) {
      this._lifeCycleHooks[event].push(listener);
    } else {
      this._lifeCycleHooks[event] = [listener];
    }
    return this;
  }

  /**
   * Register callback to use as replacement for calling process.exit.
   *
   * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
   * @return {Command} `this` command for chaining
   */

  exitOverride(fn) {
    if (fn) {
      this._exitCallback = fn;
    } else {
      this._exitCallback = (err) => {
        if (err.code !== 'commander.executeSubCommandAsync') {
          throw err;
        } else {
          // Async callback from spawn events, not useful to throw.
        }
      };
    }
    return this;
  }

  /**
   * Call process.exit, and _exitCallback if defined.
   *
   * @param {number} exitCode exit code for using with process.exit
   * @param {string} code an id string representing the error
   * @param {string} message human-readable description of the error
   * @return never
   * @private
   */

  _exit(exitCode, code, message) {
    if (this._exitCallback) {
      this._exitCallback(new CommanderError(exitCode, code, message));
      // Expecting this line is not reached.
    }
    external_node_process_namespaceObject.exit(exitCode);
  }

  /**
   * Register callback `fn` for the command.
   *
   * @example
   * program
   *   .command('serve')
   *   .description('start service')
   *   .action(function() {
   *      // do work here
   *   });
   *
   * @param {Function} fn
   * @return {Command} `this` command for chaining
   */

  action(fn) {
    const listener = (args) => {
      // The .action callback takes an extra parameter which is the command or options.
      const expectedArgsCount = this.registeredArguments.length;
      const actionArgs = args.slice(0, expectedArgsCount);
      if (this._storeOptionsAsProperties) {
        actionArgs[expectedArgsCount] = this; // backwards compatible "options"
      } else {
        actionArgs[expectedArgsCount] = this.opts();
      }
      actionArgs.push(this);

      return fn.apply(this, actionArgs);
    };
    this._actionHandler = listener;
    return this;
  }

  /**
   * Factory routine to create a new unattached option.
   *
   * See .option() for creating an attached option, which uses this routine to
   * create the option. You can override createOption to return a custom option.
   *
   * @param {string} flags
   * @param {string} [description]
   * @return {Option} new option
   */

  createOption(flags, description) {
    return new option_Option(flags, description);
  }

  /**
   * Wrap parseArgs to catch 'commander.invalidArgument'.
   *
   * @param {(Option | Argument)} target
   * @param {string} value
   * @param {*} previous
   * @param {string} invalidArgumentMessage
   * @private
   */

  _callParseArg(target, value, previous, invalidArgumentMessage) {
    try {
      return target.parseArg(value, previous);
    } catch (err) {
      if (err.code === 'commander.invalidArgument') {
        const message = `${invalidArgumentMessage} ${err.message}`;
        this.error(message, { exitCode: err.exitCode, code: err.code });
      }
      throw err;
    }
  }

  /**
   * Check for option flag conflicts.
   * Register option if no conflicts found, or throw on conflict.
   *
   * @param {Option} option
   * @private
   */

  _registerOption(option) {
    const matchingOption =
      (option.short && this._findOption(option.short)) ||
      (option.long && this._findOption(option.long));
    if (matchingOption) {
      const matchingFlag =
        option.long && this._findOption(option.long)
          ? option.long
          : option.short;
      throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
    }

    this._initOptionGroup(option);
    this.options.push(option);
  }

  /**
   * Check for command name and alias conflicts with existing commands.
   * Register command if no conflicts found, or throw on conflict.
   *
   * @param {Command} command
   * @private
   */

  _registerCommand(command) {
    const knownBy = (cmd) => {
      return [cmd.name()].concat(cmd.aliases());
    };

    const alreadyUsed = knownBy(command).find((name) =>
      this._findCommand(name),
    );
    if (alreadyUsed) {
      const existingCmd = knownBy(this._findCommand(alreadyUsed)).join('|');
      const newCmd = knownBy(command).join('|');
      throw new Error(
        `cannot add command '${newCmd}' as already have command '${existingCmd}'`,
      );
    }

    this._initCommandGroup(command);
    this.commands.push(command);
  }

  /**
   * Add an option.
   *
   * @param {Option} option
   * @return {Command} `this` command for chaining
   */
  addOption(option) {
    this._registerOption(option);

    const oname = option.name();
    const name = option.attributeName();

    // store default value
    if (option.defaultValue !== undefined) {
      this.setOptionValueWithSource(name, option.defaultValue, 'default');
    }

    // handler for cli and env supplied values
    const handleOptionValue = (val, invalidValueMessage, valueSource) => {
      // val is null for optional option used without an optional-argument.
      // val is undefined for boolean and negated option.
      if (val == null && option.presetArg !== undefined) {
        val = option.presetArg;
      }

      // custom processing
      const oldValue = this.getOptionValue(name);
      if (val !== null && option.parseArg) {
        val = this._callParseArg(option, val, oldValue, invalidValueMessage);
      } else if (val !== null && option.variadic) {
        val = option._collectValue(val, oldValue);
      }

      // Fill-in appropriate missing values. Long winded but easy to follow.
      if (val == null) {
        if (option.negate) {
          val = false;
        } else if (option.isBoolean() || option.optional) {
          val = true;
        } else {
          val = ''; // not normal, parseArg might have failed or be a mock function for testing
        }
      }
      this.setOptionValueWithSource(name, val, valueSource);
    };

    this.on('option:' + oname, (val) => {
      const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
      handleOptionValue(val, invalidValueMessage, 'cli');
    });

    if (option.envVar) {
      this.on('optionEnv:' + oname, (val) => {
        const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
        handleOptionValue(val, invalidValueMessage, 'env');
      });
    }

    return this;
  }

  /**
   * Internal implementation shared by .option() and .requiredOption()
   *
   * @return {Command} `this` command for chaining
   * @private
   */
  _optionEx(config, flags, description, fn, defaultValue) {
    if (typeof flags === 'object' && flags instanceof option_Option) {
      throw new Error(
        'To add an Option object use addOption() instead of option() or requiredOption()',
      );
    }
    const option = this.createOption(flags, description);
    option.makeOptionMandatory(!!config.mandatory);
    if (typeof fn === 'function') {
      option.default(defaultValue).argParser(fn);
    } else if (fn instanceof RegExp) {
      // deprecated
      const regex = fn;
      fn = (val, def) => {
        const m = regex.exec(val);
        return m ? m[0] : def;
      };
      option.default(defaultValue).argParser(fn);
    } else {
      option.default(fn);
    }

    return this.addOption(option);
  }

  /**
   * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
   *
   * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
   * option-argument is indicated by `<>` and an optional option-argument by `[]`.
   *
   * See the README for more details, and see also addOption() and requiredOption().
   *
   * @example
   * program
   *     .option('-p, --pepper', 'add pepper')
   *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
   *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
   *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
   *
   * @param {string} flags
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom option processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */

  option(flags, description, parseArg, defaultValue) {
    return this._optionEx({}, flags, description, parseArg, defaultValue);
  }

  /**
   * Add a required option which must have a value after parsing. This usually means
   * the option must be specified on the command line. (Otherwise the same as .option().)
   *
   * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
   *
   * @param {string} flags
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom option processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */

  requiredOption(flags, description, parseArg, defaultValue) {
    return this._optionEx(
      { mandatory: true },
      flags,
      description,
      parseArg,
      defaultValue,
    );
  }

  /**
   * Alter parsing of short flags with optional values.
   *
   * @example
   * // for `.option('-f,--flag [value]'):
   * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
   * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
   *
   * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
   * @return {Command} `this` command for chaining
   */
  combineFlagAndOptionalValue(combine = true) {
    this._combineFlagAndOptionalValue = !!combine;
    return this;
  }

  /**
   * Allow unknown options on the command line.
   *
   * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
   * @return {Command} `this` command for chaining
   */
  allowUnknownOption(allowUnknown = true) {
    this._allowUnknownOption = !!allowUnknown;
    return this;
  }

  /**
   * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
   *
   * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
   * @return {Command} `this` command for chaining
   */
  allowExcessArguments(allowExcess = true) {
    this._allowExcessArguments = !!allowExcess;
    return this;
  }

  /**
   * Enable positional options. Positional means global options are specified before subcommands which lets
   * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
   * The default behaviour is non-positional and global options may appear anywhere on the command line.
   *
   * @param {boolean} [positional]
   * @return {Command} `this` command for chaining
   */
  enablePositionalOptions(positional = true) {
    this._enablePositionalOptions = !!positional;
    return this;
  }

  /**
   * Pass through options that come after command-arguments rather than treat them as command-options,
   * so actual command-options come before command-arguments. Turning this on for a subcommand requires
   * positional options to have been enabled on the program (parent commands).
   * The default behaviour is non-positional and options may appear before or after command-arguments.
   *
   * @param {boolean} [passThrough] for unknown options.
   * @return {Command} `this` command for chaining
   */
  passThroughOptions(passThrough = true) {
    this._passThroughOptions = !!passThrough;
    this._checkForBrokenPassThrough();
    return this;
  }

  /**
   * @private
   */

  _checkForBrokenPassThrough() {
    if (
      this.parent &&
      this._passThroughOptions &&
      !this.parent._enablePositionalOptions
    ) {
      throw new Error(
        `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`,
      );
    }
  }

  /**
   * Whether to store option values as properties on command object,
   * or store separately (specify false). In both cases the option values can be accessed using .opts().
   *
   * @param {boolean} [storeAsProperties=true]
   * @return {Command} `this` command for chaining
   */

  storeOptionsAsProperties(storeAsProperties = true) {
    if (this.options.length) {
      throw new Error('call .storeOptionsAsProperties() before adding options');
    }
    if (Object.keys(this._optionValues).length) {
      throw new Error(
        'call .storeOptionsAsProperties() before setting option values',
      );
    }
    this._storeOptionsAsProperties = !!storeAsProperties;
    return this;
  }

  /**
   * Retrieve option value.
   *
   * @param {string} key
   * @return {object} value
   */

  getOptionValue(key) {
    if (this._storeOptionsAsProperties) {
      return this[key];
    }
    return this._optionValues[key];
  }

  /**
   * Store option value.
   *
   * @param {string} key
   * @param {object} value
   * @return {Command} `this` command for chaining
   */

  setOptionValue(key, value) {
    return this.setOptionValueWithSource(key, value, undefined);
  }

  /**
   * Store option value and where the value came from.
   *
   * @param {string} key
   * @param {object} value
   * @param {string} source - expected values are default/config/env/cli/implied
   * @return {Command} `this` command for chaining
   */

  setOptionValueWithSource(key, value, source) {
    if (this._storeOptionsAsProperties) {
      this[key] = value;
    } else {
      this._optionValues[key] = value;
    }
    this._optionValueSources[key] = source;
    return this;
  }

  /**
   * Get source of option value.
   * Expected values are default | config | env | cli | implied
   *
   * @param {string} key
   * @return {string}
   */

  getOptionValueSource(key) {
    return this._optionValueSources[key];
  }

  /**
   * Get source of option value. See also .optsWithGlobals().
   * Expected values are default | config | env | cli | implied
   *
   * @param {string} key
   * @return {string}
   */

  getOptionValueSourceWithGlobals(key) {
    // global overwrites local, like optsWithGlobals
    let source;
    this._getCommandAndAncestors().forEach((cmd) => {
      if (Object.hasOwn(cmd._optionValueSources, key)) {
        source = cmd.getOptionValueSource(key);
      }
    });
    return source;
  }

  /**
   * Get user arguments from implied or explicit arguments.
   * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
   *
   * @private
   */

  _prepareUserArgs(argv, parseOptions) {
    if (argv !== undefined && !Array.isArray(argv)) {
      throw new Error('first parameter to parse must be array or undefined');
    }
    parseOptions = parseOptions || {};

    // auto-detect argument conventions if nothing supplied
    if (argv === undefined && parseOptions.from === undefined) {
      if (external_node_process_namespaceObject.versions?.electron) {
        parseOptions.from = 'electron';
      }
      // check node specific options for scenarios where user CLI args follow executable without scriptname
      const execArgv = external_node_process_namespaceObject.execArgv ?? [];
      if (
        execArgv.includes('-e') ||
        execArgv.includes('--eval') ||
        execArgv.includes('-p') ||
        execArgv.includes('--print')
      ) {
        parseOptions.from = 'eval'; // internal usage, not documented
      }
    }

    // default to using process.argv
    if (argv === undefined) {
      argv = external_node_process_namespaceObject.argv;
    }
    this.rawArgs = argv.slice();

    // extract the user args and scriptPath
    let userArgs;
    switch (parseOptions.from) {
      case undefined:
      case 'node':
        this._scriptPath = argv[1];
        userArgs = argv.slice(2);
        break;
      case 'electron':
        // @ts-ignore: because defaultApp is an unknown property
        if (external_node_process_namespaceObject.defaultApp) {
          this._scriptPath = argv[1];
          userArgs = argv.slice(2);
        } else {
          userArgs = argv.slice(1);
        }
        break;
      case 'user':
        userArgs = argv.slice(0);
        break;
      case 'eval':
        userArgs = argv.slice(1);
        break;
      default:
        throw new Error(
          `unexpected parse option { from: '${parseOptions.from}' }`,
        );
    }

    // Find default name for program from arguments.
    if (!this._name && this._scriptPath)
      this.nameFromFilename(this._scriptPath);
    this._name = this._name || 'program';

    return userArgs;
  }

  /**
   * Parse `argv`, setting options and invoking commands when defined.
   *
   * Use parseAsync instead of parse if any of your action handlers are async.
   *
   * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
   *
   * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
   * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
   * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
   * - `'user'`: just user arguments
   *
   * @example
   * program.parse(); // parse process.argv and auto-detect electron and special node flags
   * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
   * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
   *
   * @param {string[]} [argv] - optional, defaults to process.argv
   * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
   * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
   * @return {Command} `this` command for chaining
   */

  parse(argv, parseOptions) {
    this._prepareForParse();
    const userArgs = this._prepareUserArgs(argv, parseOptions);
    this._parseCommand([], userArgs);

    return this;
  }

  /**
   * Parse `argv`, setting options and invoking commands when defined.
   *
   * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
   *
   * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
   * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
   * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
   * - `'user'`: just user arguments
   *
   * @example
   * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
   * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
   * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
   *
   * @param {string[]} [argv]
   * @param {object} [parseOptions]
   * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
   * @return {Promise}
   */

  async parseAsync(argv, parseOptions) {
    this._prepareForParse();
    const userArgs = this._prepareUserArgs(argv, parseOptions);
    await this._parseCommand([], userArgs);

    return this;
  }

  _prepareForParse() {
    // Save the state the first time, then restore the state before each subsequent parse.
    if (this._savedState === null) {
      // Do the special default of lone negated option to true, now that we have all the options.
      // Filter for negated options that have not been processed already.
      this.options
        .filter(
          (option) =>
            option.negate &&
            option.defaultValue === undefined &&
            this.getOptionValue(option.attributeName()) === undefined,
        )
        .forEach((option) => {
          // check for lone negated option: --no-foo without a --foo option
          const positiveLongFlag = option.long.replace(/^--no-/, '--');
          if (!this._findOption(positiveLongFlag)) {
            this.setOptionValueWithSource(
              option.attributeName(),
              true,
              'default',
            );
          }
        });

      this.saveStateBeforeParse();
    } else {
      this.restoreStateBeforeParse();
    }
  }

  /**
   * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
   * Not usually called directly, but available for subclasses to save their custom state.
   *
   * This is called in a lazy way. Only commands used in parsing chain will have state saved.
   */
  saveStateBeforeParse() {
    this._savedState = {
      // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
      _name: this._name,
      // option values before parse have default values (including false for negated options)
      // shallow clones
      _optionValues: { ...this._optionValues },
      _optionValueSources: { ...this._optionValueSources },
    };
  }

  /**
   * Restore state before parse for calls after the first.
   * Not usually called directly, but available for subclasses to save their custom state.
   *
   * This is called in a lazy way. Only commands used in parsing chain will have state restored.
   */
  restoreStateBeforeParse() {
    if (this._storeOptionsAsProperties)
      throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);

    // clear state from _prepareUserArgs
    this._name = this._savedState._name;
    this._scriptPath = null;
    this.rawArgs = [];
    // clear state from setOptionValueWithSource
    this._optionValues = { ...this._savedState._optionValues };
    this._optionValueSources = { ...this._savedState._optionValueSources };
    // clear state from _parseCommand
    this.args = [];
    // clear state from _processArguments
    this.processedArgs = [];
  }

  /**
   * Throw if expected executable is missing. Add lots of help for author.
   *
   * @param {string} executableFile
   * @param {string} executableDir
   * @param {string} subcommandName
   */
  _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
    if (external_node_fs_.existsSync(executableFile)) return;

    const executableDirMessage = executableDir
      ? `searched for local subcommand relative to directory '${executableDir}'`
      : 'no directory for search for local subcommand, use .executableDir() to supply a custom directory';
    const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
    throw new Error(executableMissing);
  }

  /**
   * Execute a sub-command executable.
   *
   * @private
   */

  _executeSubCommand(subcommand, args) {
    args = args.slice();
    const sourceExt = ['.js', '.ts', '.tsx', '.mjs', '.cjs'];

    function findFile(baseDir, baseName) {
      // Look for specified file
      const localBin = external_node_path_.resolve(baseDir, baseName);
      if (external_node_fs_.existsSync(localBin)) return localBin;

      // Stop looking if candidate already has an expected extension.
      if (sourceExt.includes(external_node_path_.extname(baseName))) return undefined;

      // Try all the extensions.
      const foundExt = sourceExt.find((ext) =>
        external_node_fs_.existsSync(`${localBin}${ext}`),
      );
      if (foundExt) return `${localBin}${foundExt}`;

      return undefined;
    }

    // Not checking for help first. Unlikely to have mandatory and executable, and can't robustly test for help flags in external command.
    this._checkForMissingMandatoryOptions();
    this._checkForConflictingOptions();

    // executableFile and executableDir might be full path, or just a name
    let executableFile =
      subcommand._executableFile || `${this._name}-${subcommand._name}`;
    let executableDir = this._executableDir || '';
    if (this._scriptPath) {
      let resolvedScriptPath; // resolve possible symlink for installed npm binary
      try {
        resolvedScriptPath = external_node_fs_.realpathSync(this._scriptPath);
      } catch {
        resolvedScriptPath = this._scriptPath;
      }
      executableDir = external_node_path_.resolve(
        external_node_path_.dirname(resolvedScriptPath),
        executableDir,
      );
    }

    // Look for a local file in preference to a command in PATH.
    if (executableDir) {
      let localFile = findFile(executableDir, executableFile);

      // Legacy search using prefix of script name instead of command name
      if (!localFile && !subcommand._executableFile && this._scriptPath) {
        const legacyName = external_node_path_.basename(
          this._scriptPath,
          external_node_path_.extname(this._scriptPath),
        );
        if (legacyName !== this._name) {
          localFile = findFile(
            executableDir,
            `${legacyName}-${subcommand._name}`,
          );
        }
      }
      executableFile = localFile || executableFile;
    }

    const launchWithNode = sourceExt.includes(external_node_path_.extname(executableFile));

    let proc;
    if (external_node_process_namespaceObject.platform !== 'win32') {
      if (launchWithNode) {
        args.unshift(executableFile);
        // add executable arguments to spawn
        args = incrementNodeInspectorPort(external_node_process_namespaceObject.execArgv).concat(args);

        proc = external_node_child_process_.spawn(external_node_process_namespaceObject.argv[0], args, { stdio: 'inherit' });
      } else {
        proc = external_node_child_process_.spawn(executableFile, args, { stdio: 'inherit' });
      }
    } else {
      this._checkForMissingExecutable(
        executableFile,
        executableDir,
        subcommand._name,
      );
      args.unshift(executableFile);
      // add executable arguments to spawn
      args = incrementNodeInspectorPort(external_node_process_namespaceObject.execArgv).concat(args);
      proc = external_node_child_process_.spawn(external_node_process_namespaceObject.execPath, args, { stdio: 'inherit' });
    }

    if (!proc.killed) {
      // testing mainly to avoid leak warnings during unit tests with mocked spawn
      const signals = ['SIGUSR1', 'SIGUSR2', 'SIGTERM', 'SIGINT', 'SIGHUP'];
      signals.forEach((signal) => {
        external_node_process_namespaceObject.on(signal, () => {
          if (proc.killed === false && proc.exitCode === null) {
            // @ts-ignore because signals not typed to known strings
            proc.kill(signal);
          }
        });
      });
    }

    // By default terminate process when spawned process terminates.
    const exitCallback = this._exitCallback;
    proc.on('close', (code) => {
      code = code ?? 1; // code is null if spawned process terminated due to a signal
      if (!exitCallback) {
        external_node_process_namespaceObject.exit(code);
      } else {
        exitCallback(
          new CommanderError(
            code,
            'commander.executeSubCommandAsync',
            '(close)',
          ),
        );
      }
    });
    proc.on('error', (err) => {
      // @ts-ignore: because err.code is an unknown property
      if (err.code === 'ENOENT') {
        this._checkForMissingExecutable(
          executableFile,
          executableDir,
          subcommand._name,
        );
        // @ts-ignore: because err.code is an unknown property
      } else if (err.code === 'EACCES') {
        throw new Error(`'${executableFile}' not executable`);
      }
      if (!exitCallback) {
        external_node_process_namespaceObject.exit(1);
      } else {
        const wrappedError = new CommanderError(
          1,
          'commander.executeSubCommandAsync',
          '(error)',
        );
        wrappedError.nestedError = err;
        exitCallback(wrappedError);
      }
    });

    // Store the reference to the child process
    this.runningCommand = proc;
  }

  /**
   * @private
   */

  _dispatchSubcommand(commandName, operands, unknown) {
    const subCommand = this._findCommand(commandName);
    if (!subCommand) this.help({ error: true });

    subCommand._prepareForParse();
    let promiseChain;
    promiseChain = this._chainOrCallSubCommandHook(
      promiseChain,
      subCommand,
      'preSubcommand',
    );
    promiseChain = this._chainOrCall(promiseChain, () => {
      if (subCommand._executableHandler) {
        this._executeSubCommand(subCommand, operands.concat(unknown));
      } else {
        return subCommand._parseCommand(operands, unknown);
      }
    });
    return promiseChain;
  }

  /**
   * Invoke help directly if possible, or dispatch if necessary.
   * e.g. help foo
   *
   * @private
   */

  _dispatchHelpCommand(subcommandName) {
    if (!subcommandName) {
      this.help();
    }
    const subCommand = this._findCommand(subcommandName);
    if (subCommand && !subCommand._executableHandler) {
      subCommand.help();
    }

    // Fallback to parsing the help flag to invoke the help.
    return this._dispatchSubcommand(
      subcommandName,
      [],
      [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? '--help'],
    );
  }

  /**
   * Check this.args against expected this.registeredArguments.
   *
   * @private
   */

  _checkNumberOfArguments() {
    // too few
    this.registeredArguments.forEach((arg, i) => {
      if (arg.required && this.args[i] == null) {
        this.missingArgument(arg.name());
      }
    });
    // too many
    if (
      this.registeredArguments.length > 0 &&
      this.registeredArguments[this.registeredArguments.length - 1].variadic
    ) {
      return;
    }
    if (this.args.length > this.registeredArguments.length) {
      this._excessArguments(this.args);
    }
  }

  /**
   * Process this.args using this.registeredArguments and save as this.processedArgs!
   *
   * @private
   */

  _processArguments() {
    const myParseArg = (argument, value, previous) => {
      // Extra processing for nice error message on parsing failure.
      let parsedValue = value;
      if (value !== null && argument.parseArg) {
        const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
        parsedValue = this._callParseArg(
          argument,
          value,
          previous,
          invalidValueMessage,
        );
      }
      return parsedValue;
    };

    this._checkNumberOfArguments();

    const processedArgs = [];
    this.registeredArguments.forEach((declaredArg, index) => {
      let value = declaredArg.defaultValue;
      if (declaredArg.variadic) {
        // Collect together remaining arguments for passing together as an array.
        if (index < this.args.length) {
          value = this.args.slice(index);
          if (declaredArg.parseArg) {
            value = value.reduce((processed, v) => {
              return myParseArg(declaredArg, v, processed);
            }, declaredArg.defaultValue);
          }
        } else if (value === undefined) {
          value = [];
        }
      } else if (index < this.args.length) {
        value = this.args[index];
        if (declaredArg.parseArg) {
          value = myParseArg(declaredArg, value, declaredArg.defaultValue);
        }
      }
      processedArgs[index] = value;
    });
    this.processedArgs = processedArgs;
  }

  /**
   * Once we have a promise we chain, but call synchronously until then.
   *
   * @param {(Promise|undefined)} promise
   * @param {Function} fn
   * @return {(Promise|undefined)}
   * @private
   */

  _chainOrCall(promise, fn) {
    // thenable
    if (promise?.then && typeof promise.then === 'function') {
      // already have a promise, chain callback
      return promise.then(() => fn());
    }
    // callback might return a promise
    return fn();
  }

  /**
   *
   * @param {(Promise|undefined)} promise
   * @param {string} event
   * @return {(Promise|undefined)}
   * @private
   */

  _chainOrCallHooks(promise, event) {
    let result = promise;
    const hooks = [];
    this._getCommandAndAncestors()
      .reverse()
      .filter((cmd) => cmd._lifeCycleHooks[event] !== undefined)
      .forEach((hookedCommand) => {
        hookedCommand._lifeCycleHooks[event].forEach((callback) => {
          hooks.push({ hookedCommand, callback });
        });
      });
    if (event === 'postAction') {
      hooks.reverse();
    }

    hooks.forEach((hookDetail) => {
      result = this._chainOrCall(result, () => {
        return hookDetail.callback(hookDetail.hookedCommand, this);
      });
    });
    return result;
  }

  /**
   *
   * @param {(Promise|undefined)} promise
   * @param {Command} subCommand
   * @param {string} event
   * @return {(Promise|undefined)}
   * @private
   */

  _chainOrCallSubCommandHook(promise, subCommand, event) {
    let result = promise;
    if (this._lifeCycleHooks[event] !== undefined) {
      this._lifeCycleHooks[event].forEach((hook) => {
        result = this._chainOrCall(result, () => {
          return hook(this, subCommand);
        });
      });
    }
    return result;
  }

  /**
   * Process arguments in context of this command.
   * Returns action result, in case it is a promise.
   *
   * @private
   */

  _parseCommand(operands, unknown) {
    const parsed = this.parseOptions(unknown);
    this._parseOptionsEnv(); // after cli, so parseArg not called on both cli and env
    this._parseOptionsImplied();
    operands = operands.concat(parsed.operands);
    unknown = parsed.unknown;
    this.args = operands.concat(unknown);

    if (operands && this._findCommand(operands[0])) {
      return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
    }
    if (
      this._getHelpCommand() &&
      operands[0] === this._getHelpCommand().name()
    ) {
      return this._dispatchHelpCommand(operands[1]);
    }
    if (this._defaultCommandName) {
      this._outputHelpIfRequested(unknown); // Run the help for default command from parent rather than passing to default command
      return this._dispatchSubcommand(
        this._defaultCommandName,
        operands,
        unknown,
      );
    }
    if (
      this.commands.length &&
      this.args.length === 0 &&
      !this._actionHandler &&
      !this._defaultCommandName
    ) {
      // probably missing subcommand and no handler, user needs help (and exit)
      this.help({ error: true });
    }

    this._outputHelpIfRequested(parsed.unknown);
    this._checkForMissingMandatoryOptions();
    this._checkForConflictingOptions();

    // We do not always call this check to avoid masking a "better" error, like unknown command.
    const checkForUnknownOptions = () => {
      if (parsed.unknown.length > 0) {
        this.unknownOption(parsed.unknown[0]);
      }
    };

    const commandEvent = `command:${this.name()}`;
    if (this._actionHandler) {
      checkForUnknownOptions();
      this._processArguments();

      let promiseChain;
      promiseChain = this._chainOrCallHooks(promiseChain, 'preAction');
      promiseChain = this._chainOrCall(promiseChain, () =>
        this._actionHandler(this.processedArgs),
      );
      if (this.parent) {
        promiseChain = this._chainOrCall(promiseChain, () => {
          this.parent.emit(commandEvent, operands, unknown); // legacy
        });
      }
      promiseChain = this._chainOrCallHooks(promiseChain, 'postAction');
      return promiseChain;
    }
    if (this.parent?.listenerCount(commandEvent)) {
      checkForUnknownOptions();
      this._processArguments();
      this.parent.emit(commandEvent, operands, unknown); // legacy
    } else if (operands.length) {
      if (this._findCommand('*')) {
        // legacy default command
        return this._dispatchSubcommand('*', operands, unknown);
      }
      if (this.listenerCount('command:*')) {
        // skip option check, emit event for possible misspelling suggestion
        this.emit('command:*', operands, unknown);
      } else if (this.commands.length) {
        this.unknownCommand();
      } else {
        checkForUnknownOptions();
        this._processArguments();
      }
    } else if (this.commands.length) {
      checkForUnknownOptions();
      // This command has subcommands and nothing hooked up at this level, so display help (and exit).
      this.help({ error: true });
    } else {
      checkForUnknownOptions();
      this._processArguments();
      // fall through for caller to handle after calling .parse()
    }
  }

  /**
   * Find matching command.
   *
   * @private
   * @return {Command | undefined}
   */
  _findCommand(name) {
    if (!name) return undefined;
    return this.commands.find(
      (cmd) => cmd._name === name || cmd._aliases.includes(name),
    );
  }

  /**
   * Return an option matching `arg` if any.
   *
   * @param {string} arg
   * @return {Option}
   * @package
   */

  _findOption(arg) {
    return this.options.find((option) => option.is(arg));
  }

  /**
   * Display an error message if a mandatory option does not have a value.
   * Called after checking for help flags in leaf subcommand.
   *
   * @private
   */

  _checkForMissingMandatoryOptions() {
    // Walk up hierarchy so can call in subcommand after checking for displaying help.
    this._getCommandAndAncestors().forEach((cmd) => {
      cmd.options.forEach((anOption) => {
        if (
          anOption.mandatory &&
          cmd.getOptionValue(anOption.attributeName()) === undefined
        ) {
          cmd.missingMandatoryOptionValue(anOption);
        }
      });
    });
  }

  /**
   * Display an error message if conflicting options are used together in this.
   *
   * @private
   */
  _checkForConflictingLocalOptions() {
    const definedNonDefaultOptions = this.options.filter((option) => {
      const optionKey = option.attributeName();
      if (this.getOptionValue(optionKey) === undefined) {
        return false;
      }
      return this.getOptionValueSource(optionKey) !== 'default';
    });

    const optionsWithConflicting = definedNonDefaultOptions.filter(
      (option) => option.conflictsWith.length > 0,
    );

    optionsWithConflicting.forEach((option) => {
      const conflictingAndDefined = definedNonDefaultOptions.find((defined) =>
        option.conflictsWith.includes(defined.attributeName()),
      );
      if (conflictingAndDefined) {
        this._conflictingOption(option, conflictingAndDefined);
      }
    });
  }

  /**
   * Display an error message if conflicting options are used together.
   * Called after checking for help flags in leaf subcommand.
   *
   * @private
   */
  _checkForConflictingOptions() {
    // Walk up hierarchy so can call in subcommand after checking for displaying help.
    this._getCommandAndAncestors().forEach((cmd) => {
      cmd._checkForConflictingLocalOptions();
    });
  }

  /**
   * Parse options from `argv` removing known options,
   * and return argv split into operands and unknown arguments.
   *
   * Side effects: modifies command by storing options. Does not reset state if called again.
   *
   * Examples:
   *
   *     argv => operands, unknown
   *     --known kkk op => [op], []
   *     op --known kkk => [op], []
   *     sub --unknown uuu op => [sub], [--unknown uuu op]
   *     sub -- --unknown uuu op => [sub --unknown uuu op], []
   *
   * @param {string[]} args
   * @return {{operands: string[], unknown: string[]}}
   */

  parseOptions(args) {
    const operands = []; // operands, not options or values
    const unknown = []; // first unknown option and remaining unknown args
    let dest = operands;

    function maybeOption(arg) {
      return arg.length > 1 && arg[0] === '-';
    }

    const negativeNumberArg = (arg) => {
      // return false if not a negative number
      if (!/^-(\d+|\d*\.\d+)([eE][+-]?\d+)?$/.test(arg)) return false;
      // negative number is ok unless digit used as an option in command hierarchy
      return !this._getCommandAndAncestors().some((cmd) =>
        cmd.options
          .map((opt) => opt.short)
          .some((short) => /^-\d$/.test(short)),
      );
    };

    // parse options
    let activeVariadicOption = null;
    let activeGroup = null; // working through group of short options, like -abc
    let i = 0;
    while (i < args.length || activeGroup) {
      const arg = activeGroup ?? args[i++];
      activeGroup = null;

      // literal
      if (arg === '--') {
        if (dest === unknown) dest.push(arg);
        dest.push(...args.slice(i));
        break;
      }

      if (
        activeVariadicOption &&
        (!maybeOption(arg) || negativeNumberArg(arg))
      ) {
        this.emit(`option:${activeVariadicOption.name()}`, arg);
        continue;
      }
      activeVariadicOption = null;

      if (maybeOption(arg)) {
        const option = this._findOption(arg);
        // recognised option, call listener to assign value with possible custom processing
        if (option) {
          if (option.required) {
            const value = args[i++];
            if (value === undefined) this.optionMissingArgument(option);
            this.emit(`option:${option.name()}`, value);
          } else if (option.optional) {
            let value = null;
            // historical behaviour is optional value is following arg unless an option
            if (
              i < args.length &&
              (!maybeOption(args[i]) || negativeNumberArg(args[i]))
            ) {
              value = args[i++];
            }
            this.emit(`option:${option.name()}`, value);
          } else {
            // boolean flag
            this.emit(`option:${option.name()}`);
          }
          activeVariadicOption = option.variadic ? option : null;
          continue;
        }
      }

      // Look for combo options following single dash, eat first one if known.
      if (arg.length > 2 && arg[0] === '-' && arg[1] !== '-') {
        const option = this._findOption(`-${arg[1]}`);
        if (option) {
          if (
            option.required ||
            (option.optional && this._combineFlagAndOptionalValue)
          ) {
            // option with value following in same argument
            this.emit(`option:${option.name()}`, arg.slice(2));
          } else {
            // boolean option
            this.emit(`option:${option.name()}`);
            // remove the processed option and keep processing group
            activeGroup = `-${arg.slice(2)}`;
          }
          continue;
        }
      }

      // Look for known long flag with value, like --foo=bar
      if (/^--[^=]+=/.test(arg)) {
        const index = arg.indexOf('=');
        const option = this._findOption(arg.slice(0, index));
        if (option && (option.required || option.optional)) {
          this.emit(`option:${option.name()}`, arg.slice(index + 1));
          continue;
        }
      }

      // Not a recognised option by this command.
      // Might be a command-argument, or subcommand option, or unknown option, or help command or option.

      // An unknown option means further arguments also classified as unknown so can be reprocessed by subcommands.
      // A negative number in a leaf command is not an unknown option.
      if (
        dest === operands &&
        maybeOption(arg) &&
        !(this.commands.length === 0 && negativeNumberArg(arg))
      ) {
        dest = unknown;
      }

      // If using positionalOptions, stop processing our options at subcommand.
      if (
        (this._enablePositionalOptions || this._passThroughOptions) &&
        operands.length === 0 &&
        unknown.length === 0
      ) {
        if (this._findCommand(arg)) {
          operands.push(arg);
          unknown.push(...args.slice(i));
          break;
        } else if (
          this._getHelpCommand() &&
          arg === this._getHelpCommand().name()
        ) {
          operands.push(arg, ...args.slice(i));
          break;
        } else if (this._defaultCommandName) {
          unknown.push(arg, ...args.slice(i));
          break;
        }
      }

      // If using passThroughOptions, stop processing options at first command-argument.
      if (this._passThroughOptions) {
        dest.push(arg, ...args.slice(i));
        break;
      }

      // add arg
      dest.push(arg);
    }

    return { operands, unknown };
  }

  /**
   * Return an object containing local option values as key-value pairs.
   *
   * @return {object}
   */
  opts() {
    if (this._storeOptionsAsProperties) {
      // Preserve original behaviour so backwards compatible when still using properties
      const result = {};
      const len = this.options.length;

      for (let i = 0; i < len; i++) {
        const key = this.options[i].attributeName();
        result[key] =
          key === this._versionOptionName ? this._version : this[key];
      }
      return result;
    }

    return this._optionValues;
  }

  /**
   * Return an object containing merged local and global option values as key-value pairs.
   *
   * @return {object}
   */
  optsWithGlobals() {
    // globals overwrite locals
    return this._getCommandAndAncestors().reduce(
      (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
      {},
    );
  }

  /**
   * Display error message and exit (or call exitOverride).
   *
   * @param {string} message
   * @param {object} [errorOptions]
   * @param {string} [errorOptions.code] - an id string representing the error
   * @param {number} [errorOptions.exitCode] - used with process.exit
   */
  error(message, errorOptions) {
    // output handling
    this._outputConfiguration.outputError(
      `${message}\n`,
      this._outputConfiguration.writeErr,
    );
    if (typeof this._showHelpAfterError === 'string') {
      this._outputConfiguration.writeErr(`${this._showHelpAfterError}\n`);
    } else if (this._showHelpAfterError) {
      this._outputConfiguration.writeErr('\n');
      this.outputHelp({ error: true });
    }

    // exit handling
    const config = errorOptions || {};
    const exitCode = config.exitCode || 1;
    const code = config.code || 'commander.error';
    this._exit(exitCode, code, message);
  }

  /**
   * Apply any option related environment variables, if option does
   * not have a value from cli or client code.
   *
   * @private
   */
  _parseOptionsEnv() {
    this.options.forEach((option) => {
      if (option.envVar && option.envVar in external_node_process_namespaceObject.env) {
        const optionKey = option.attributeName();
        // Priority check. Do not overwrite cli or options from unknown source (client-code).
        if (
          this.getOptionValue(optionKey) === undefined ||
          ['default', 'config', 'env'].includes(
            this.getOptionValueSource(optionKey),
          )
        ) {
          if (option.required || option.optional) {
            // option can take a value
            // keep very simple, optional always takes value
            this.emit(`optionEnv:${option.name()}`, external_node_process_namespaceObject.env[option.envVar]);
          } else {
            // boolean
            // keep very simple, only care that envVar defined and not the value
            this.emit(`optionEnv:${option.name()}`);
          }
        }
      }
    });
  }

  /**
   * Apply any implied option values, if option is undefined or default value.
   *
   * @private
   */
  _parseOptionsImplied() {
    const dualHelper = new DualOptions(this.options);
    const hasCustomOptionValue = (optionKey) => {
      return (
        this.getOptionValue(optionKey) !== undefined &&
        !['default', 'implied'].includes(this.getOptionValueSource(optionKey))
      );
    };
    this.options
      .filter(
        (option) =>
          option.implied !== undefined &&
          hasCustomOptionValue(option.attributeName()) &&
          dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option,
          ),
      )
      .forEach((option) => {
        Object.keys(option.implied)
          .filter((impliedKey) => !hasCustomOptionValue(impliedKey))
          .forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              'implied',
            );
          });
      });
  }

  /**
   * Argument `name` is missing.
   *
   * @param {string} name
   * @private
   */

  missingArgument(name) {
    const message = `error: missing required argument '${name}'`;
    this.error(message, { code: 'commander.missingArgument' });
  }

  /**
   * `Option` is missing an argument.
   *
   * @param {Option} option
   * @private
   */

  optionMissingArgument(option) {
    const message = `error: option '${option.flags}' argument missing`;
    this.error(message, { code: 'commander.optionMissingArgument' });
  }

  /**
   * `Option` does not have a value, and is a mandatory option.
   *
   * @param {Option} option
   * @private
   */

  missingMandatoryOptionValue(option) {
    const message = `error: required option '${option.flags}' not specified`;
    this.error(message, { code: 'commander.missingMandatoryOptionValue' });
  }

  /**
   * `Option` conflicts with another option.
   *
   * @param {Option} option
   * @param {Option} conflictingOption
   * @private
   */
  _conflictingOption(option, conflictingOption) {
    // The calling code does not know whether a negated option is the source of the
    // value, so do some work to take an educated guess.
    const findBestOptionFromValue = (option) => {
      const optionKey = option.attributeName();
      const optionValue = this.getOptionValue(optionKey);
      const negativeOption = this.options.find(
        (target) => target.negate && optionKey === target.attributeName(),
      );
      const positiveOption = this.options.find(
        (target) => !target.negate && optionKey === target.attributeName(),
      );
      if (
        negativeOption &&
        ((negativeOption.presetArg === undefined && optionValue === false) ||
          (negativeOption.presetArg !== undefined &&
            optionValue === negativeOption.presetArg))
      ) {
        return negativeOption;
      }
      return positiveOption || option;
    };

    const getErrorMessage = (option) => {
      const bestOption = findBestOptionFromValue(option);
      const optionKey = bestOption.attributeName();
      const source = this.getOptionValueSource(optionKey);
      if (source === 'env') {
        return `environment variable '${bestOption.envVar}'`;
      }
      return `option '${bestOption.flags}'`;
    };

    const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
    this.error(message, { code: 'commander.conflictingOption' });
  }

  /**
   * Unknown option `flag`.
   *
   * @param {string} flag
   * @private
   */

  unknownOption(flag) {
    if (this._allowUnknownOption) return;
    let suggestion = '';

    if (flag.startsWith('--') && this._showSuggestionAfterError) {
      // Looping to pick up the global options too
      let candidateFlags = [];
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      let command = this;
      do {
        const moreFlags = command
          .createHelp()
          .visibleOptions(command)
          .filter((option) => option.long)
          .map((option) => option.long);
        candidateFlags = candidateFlags.concat(moreFlags);
        command = command.parent;
      } while (command && !command._enablePositionalOptions);
      suggestion = suggestSimilar(flag, candidateFlags);
    }

    const message = `error: unknown option '${flag}'${suggestion}`;
    this.error(message, { code: 'commander.unknownOption' });
  }

  /**
   * Excess arguments, more than expected.
   *
   * @param {string[]} receivedArgs
   * @private
   */

  _excessArguments(receivedArgs) {
    if (this._allowExcessArguments) return;

    const expected = this.registeredArguments.length;
    const s = expected === 1 ? '' : 's';
    const received = receivedArgs.length;
    const forSubcommand = this.parent ? ` for '${this.name()}'` : '';
    const details = receivedArgs.join(', ');
    const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${received}: ${details}.`;
    this.error(message, { code: 'commander.excessArguments' });
  }

  /**
   * Unknown command.
   *
   * @private
   */

  unknownCommand() {
    const unknownName = this.args[0];
    let suggestion = '';

    if (this._showSuggestionAfterError) {
      const candidateNames = [];
      this.createHelp()
        .visibleCommands(this)
        .forEach((command) => {
          candidateNames.push(command.name());
          // just visible alias
          if (command.alias()) candidateNames.push(command.alias());
        });
      suggestion = suggestSimilar(unknownName, candidateNames);
    }

    const message = `error: unknown command '${unknownName}'${suggestion}`;
    this.error(message, { code: 'commander.unknownCommand' });
  }

  /**
   * Get or set the program version.
   *
   * This method auto-registers the "-V, --version" option which will print the version number.
   *
   * You can optionally supply the flags and description to override the defaults.
   *
   * @param {string} [str]
   * @param {string} [flags]
   * @param {string} [description]
   * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
   */

  version(str, flags, description) {
    if (str === undefined) return this._version;
    this._version = str;
    flags = flags || '-V, --version';
    description = description || 'output the version number';
    const versionOption = this.createOption(flags, description);
    this._versionOptionName = versionOption.attributeName();
    this._registerOption(versionOption);

    this.on('option:' + versionOption.name(), () => {
      this._outputConfiguration.writeOut(`${str}\n`);
      this._exit(0, 'commander.version', str);
    });
    return this;
  }

  /**
   * Set the description.
   *
   * @param {string} [str]
   * @param {object} [argsDescription]
   * @return {(string|Command)}
   */
  description(str, argsDescription) {
    if (str === undefined && argsDescription === undefined)
      return this._description;
    this._description = str;
    if (argsDescription) {
      this._argsDescription = argsDescription;
    }
    return this;
  }

  /**
   * Set the summary. Used when listed as subcommand of parent.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */
  summary(str) {
    if (str === undefined) return this._summary;
    this._summary = str;
    return this;
  }

  /**
   * Set an alias for the command.
   *
   * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
   *
   * @param {string} [alias]
   * @return {(string|Command)}
   */

  alias(alias) {
    if (alias === undefined) return this._aliases[0]; // just return first, for backwards compatibility

    /** @type {Command} */
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let command = this;
    if (
      this.commands.length !== 0 &&
      this.commands[this.commands.length - 1]._executableHandler
    ) {
      // assume adding alias for last added executable subcommand, rather than this
      command = this.commands[this.commands.length - 1];
    }

    if (alias === command._name)
      throw new Error("Command alias can't be the same as its name");
    const matchingCommand = this.parent?._findCommand(alias);
    if (matchingCommand) {
      // c.f. _registerCommand
      const existingCmd = [matchingCommand.name()]
        .concat(matchingCommand.aliases())
        .join('|');
      throw new Error(
        `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`,
      );
    }

    command._aliases.push(alias);
    return this;
  }

  /**
   * Set aliases for the command.
   *
   * Only the first alias is shown in the auto-generated help.
   *
   * @param {string[]} [aliases]
   * @return {(string[]|Command)}
   */

  aliases(aliases) {
    // Getter for the array of aliases is the main reason for having aliases() in addition to alias().
    if (aliases === undefined) return this._aliases;

    aliases.forEach((alias) => this.alias(alias));
    return this;
  }

  /**
   * Set / get the command usage `str`.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */

  usage(str) {
    if (str === undefined) {
      if (this._usage) return this._usage;

      const args = this.registeredArguments.map((arg) => {
        return humanReadableArgName(arg);
      });
      return []
        .concat(
          this.options.length || this._helpOption !== null ? '[options]' : [],
          this.commands.length ? '[command]' : [],
          this.registeredArguments.length ? args : [],
        )
        .join(' ');
    }

    this._usage = str;
    return this;
  }

  /**
   * Get or set the name of the command.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */

  name(str) {
    if (str === undefined) return this._name;
    this._name = str;
    return this;
  }

  /**
   * Set/get the help group heading for this subcommand in parent command's help.
   *
   * @param {string} [heading]
   * @return {Command | string}
   */

  helpGroup(heading) {
    if (heading === undefined) return this._helpGroupHeading ?? '';
    this._helpGroupHeading = heading;
    return this;
  }

  /**
   * Set/get the default help group heading for subcommands added to this command.
   * (This does not override a group set directly on the subcommand using .helpGroup().)
   *
   * @example
   * program.commandsGroup('Development Commands:');
   * program.command('watch')...
   * program.command('lint')...
   * ...
   *
   * @param {string} [heading]
   * @returns {Command | string}
   */
  commandsGroup(heading) {
    if (heading === undefined) return this._defaultCommandGroup ?? '';
    this._defaultCommandGroup = heading;
    return this;
  }

  /**
   * Set/get the default help group heading for options added to this command.
   * (This does not override a group set directly on the option using .helpGroup().)
   *
   * @example
   * program
   *   .optionsGroup('Development Options:')
   *   .option('-d, --debug', 'output extra debugging')
   *   .option('-p, --profile', 'output profiling information')
   *
   * @param {string} [heading]
   * @returns {Command | string}
   */
  optionsGroup(heading) {
    if (heading === undefined) return this._defaultOptionGroup ?? '';
    this._defaultOptionGroup = heading;
    return this;
  }

  /**
   * @param {Option} option
   * @private
   */
  _initOptionGroup(option) {
    if (this._defaultOptionGroup && !option.helpGroupHeading)
      option.helpGroup(this._defaultOptionGroup);
  }

  /**
   * @param {Command} cmd
   * @private
   */
  _initCommandGroup(cmd) {
    if (this._defaultCommandGroup && !cmd.helpGroup())
      cmd.helpGroup(this._defaultCommandGroup);
  }

  /**
   * Set the name of the command from script filename, such as process.argv[1],
   * or import.meta.filename.
   *
   * (Used internally and public although not documented in README.)
   *
   * @example
   * program.nameFromFilename(import.meta.filename);
   *
   * @param {string} filename
   * @return {Command}
   */

  nameFromFilename(filename) {
    this._name = external_node_path_.basename(filename, external_node_path_.extname(filename));

    return this;
  }

  /**
   * Get or set the directory for searching for executable subcommands of this command.
   *
   * @example
   * program.executableDir(import.meta.dirname);
   * // or
   * program.executableDir('subcommands');
   *
   * @param {string} [path]
   * @return {(string|null|Command)}
   */

  executableDir(path) {
    if (path === undefined) return this._executableDir;
    this._executableDir = path;
    return this;
  }

  /**
   * Return program help documentation.
   *
   * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
   * @return {string}
   */

  helpInformation(contextOptions) {
    const helper = this.createHelp();
    const context = this._getOutputContext(contextOptions);
    helper.prepareContext({
      error: context.error,
      helpWidth: context.helpWidth,
      outputHasColors: context.hasColors,
    });
    const text = helper.formatHelp(this, helper);
    if (context.hasColors) return text;
    return this._outputConfiguration.stripColor(text);
  }

  /**
   * @typedef HelpContext
   * @type {object}
   * @property {boolean} error
   * @property {number} helpWidth
   * @property {boolean} hasColors
   * @property {function} write - includes stripColor if needed
   *
   * @returns {HelpContext}
   * @private
   */

  _getOutputContext(contextOptions) {
    contextOptions = contextOptions || {};
    const error = !!contextOptions.error;
    let baseWrite;
    let hasColors;
    let helpWidth;
    if (error) {
      baseWrite = (str) => this._outputConfiguration.writeErr(str);
      hasColors = this._outputConfiguration.getErrHasColors();
      helpWidth = this._outputConfiguration.getErrHelpWidth();
    } else {
      baseWrite = (str) => this._outputConfiguration.writeOut(str);
      hasColors = this._outputConfiguration.getOutHasColors();
      helpWidth = this._outputConfiguration.getOutHelpWidth();
    }
    const write = (str) => {
      if (!hasColors) str = this._outputConfiguration.stripColor(str);
      return baseWrite(str);
    };
    return { error, write, hasColors, helpWidth };
  }

  /**
   * Output help information for this command.
   *
   * Outputs built-in help, and custom text added using `.addHelpText()`.
   *
   * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
   */

  outputHelp(contextOptions) {
    let deprecatedCallback;
    if (typeof contextOptions === 'function') {
      deprecatedCallback = contextOptions;
      contextOptions = undefined;
    }

    const outputContext = this._getOutputContext(contextOptions);
    /** @type {HelpTextEventContext} */
    const eventContext = {
      error: outputContext.error,
      write: outputContext.write,
      command: this,
    };

    this._getCommandAndAncestors()
      .reverse()
      .forEach((command) => command.emit('beforeAllHelp', eventContext));
    this.emit('beforeHelp', eventContext);

    let helpInformation = this.helpInformation({ error: outputContext.error });
    if (deprecatedCallback) {
      helpInformation = deprecatedCallback(helpInformation);
      if (
        typeof helpInformation !== 'string' &&
        !Buffer.isBuffer(helpInformation)
      ) {
        throw new Error('outputHelp callback must return a string or a Buffer');
      }
    }
    outputContext.write(helpInformation);

    if (this._getHelpOption()?.long) {
      this.emit(this._getHelpOption().long); // deprecated
    }
    this.emit('afterHelp', eventContext);
    this._getCommandAndAncestors().forEach((command) =>
      command.emit('afterAllHelp', eventContext),
    );
  }

  /**
   * You can pass in flags and a description to customise the built-in help option.
   * Pass in false to disable the built-in help option.
   *
   * @example
   * program.helpOption('-?, --help', 'show help'); // customise
   * program.helpOption(false); // disable
   *
   * @param {(string | boolean)} flags
   * @param {string} [description]
   * @return {Command} `this` command for chaining
   */

  helpOption(flags, description) {
    // Support enabling/disabling built-in help option.
    if (typeof flags === 'boolean') {
      if (flags) {
        if (this._helpOption === null) this._helpOption = undefined; // reenable
        if (this._defaultOptionGroup) {
          // make the option to store the group
          this._initOptionGroup(this._getHelpOption());
        }
      } else {
        this._helpOption = null; // disable
      }
      return this;
    }

    // Customise flags and description.
    this._helpOption = this.createOption(
      flags ?? '-h, --help',
      description ?? 'display help for command',
    );
    // init group unless lazy create
    if (flags || description) this._initOptionGroup(this._helpOption);

    return this;
  }

  /**
   * Lazy create help option.
   * Returns null if has been disabled with .helpOption(false).
   *
   * @returns {(Option | null)} the help option
   * @package
   */
  _getHelpOption() {
    // Lazy create help option on demand.
    if (this._helpOption === undefined) {
      this.helpOption(undefined, undefined);
    }
    return this._helpOption;
  }

  /**
   * Supply your own option to use for the built-in help option.
   * This is an alternative to using helpOption() to customise the flags and description etc.
   *
   * @param {Option} option
   * @return {Command} `this` command for chaining
   */
  addHelpOption(option) {
    this._helpOption = option;
    this._initOptionGroup(option);
    return this;
  }

  /**
   * Output help information and exit.
   *
   * Outputs built-in help, and custom text added using `.addHelpText()`.
   *
   * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
   */

  help(contextOptions) {
    this.outputHelp(contextOptions);
    let exitCode = Number(external_node_process_namespaceObject.exitCode ?? 0); // process.exitCode does allow a string or an integer, but we prefer just a number
    if (
      exitCode === 0 &&
      contextOptions &&
      typeof contextOptions !== 'function' &&
      contextOptions.error
    ) {
      exitCode = 1;
    }
    // message: do not have all displayed text available so only passing placeholder.
    this._exit(exitCode, 'commander.help', '(outputHelp)');
  }

  /**
   * // Do a little typing to coordinate emit and listener for the help text events.
   * @typedef HelpTextEventContext
   * @type {object}
   * @property {boolean} error
   * @property {Command} command
   * @property {function} write
   */

  /**
   * Add additional text to be displayed with the built-in help.
   *
   * Position is 'before' or 'after' to affect just this command,
   * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
   *
   * @param {string} position - before or after built-in help
   * @param {(string | Function)} text - string to add, or a function returning a string
   * @return {Command} `this` command for chaining
   */

  addHelpText(position, text) {
    const allowedValues = ['beforeAll', 'before', 'after', 'afterAll'];
    if (!allowedValues.includes(position)) {
      throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
    }

    const helpEvent = `${position}Help`;
    this.on(helpEvent, (/** @type {HelpTextEventContext} */ context) => {
      let helpStr;
      if (typeof text === 'function') {
        helpStr = text({ error: context.error, command: context.command });
      } else {
        helpStr = text;
      }
      // Ignore falsy value when nothing to output.
      if (helpStr) {
        context.write(`${helpStr}\n`);
      }
    });
    return this;
  }

  /**
   * Output help information if help flags specified
   *
   * @param {Array} args - array of options to search for help flags
   * @private
   */

  _outputHelpIfRequested(args) {
    const helpOption = this._getHelpOption();
    const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
    if (helpRequested) {
      this.outputHelp();
      // (Do not have all displayed text available so only passing placeholder.)
      this._exit(0, 'commander.helpDisplayed', '(outputHelp)');
    }
  }
}

/**
 * Scan arguments and increment port number for inspect calls (to avoid conflicts when spawning new command).
 *
 * @param {string[]} args - array of arguments from node.execArgv
 * @returns {string[]}
 * @private
 */

function incrementNodeInspectorPort(args) {
  // Testing for these options:
  //  --inspect[=[host:]port]
  //  --inspect-brk[=[host:]port]
  //  --inspect-wait[=[host:]port]
  //  --inspect-port=[host:]port
  //
  // Host can be an IP literal encapsulated within square brackets (e.g. [::1]),
  // an IPv4 address in dotted-decimal form (e.g. 192.168.0.1), or a registered name.
  // https://www.rfc-editor.org/rfc/rfc3986.html#section-3.2.2
  return args.map((arg) => {
    if (!arg.startsWith('--inspect')) {
      return arg;
    }
    let debugOption;
    let debugHost = '127.0.0.1';
    let debugPort = '9229';
    let match;
    if ((match = arg.match(/^(--inspect(-brk|-wait)?)$/)) !== null) {
      // e.g. --inspect
      debugOption = match[1];
    } else if (
      (match = arg.match(
        /^(--inspect(-brk|-port|-wait)?)=(\[[^\]]+\]|[^:]+)$/,
      )) !== null
    ) {
      // Matches a host or a port, but not both. No colon to separate them.
      debugOption = match[1];
      if (/^\d+$/.test(match[3])) {
        // Plain digits so a port number.
        // e.g. --inspect=1234
        debugPort = match[3];
      } else {
        // Assume a host.
        // e.g. --inspect=localhost, --inspect=[::1], --inspect=192.168.0.1
        debugHost = match[3];
      }
    } else if (
      (match = arg.match(
        /^(--inspect(-brk|-port|-wait)?)=(\[[^\]]+\]|[^:]+):(\d+)$/,
      )) !== null
    ) {
      // Matched host:port pattern.
      // e.g. --inspect=localhost:1234, --inspect=[::1]:1234, --inspect=192.168.0.1:1234
      debugOption = match[1];
      debugHost = match[3];
      debugPort = match[4];
    }

    if (debugOption && debugPort !== '0') {
      return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
    }
    return arg;
  });
}

/**
 * Exported for using from tests, not otherwise used outside this file.
 *
 * @returns {boolean | undefined}
 * @package
 */
function useColor() {
  // Test for common conventions.
  // NB: the observed behaviour is in combination with how author adds color! For example:
  //   - we do not test NODE_DISABLE_COLORS, but util:styletext does
  //   - we do test NO_COLOR, but Chalk does not
  //
  // References:
  // https://no-color.org
  // https://bixense.com/clicolors/
  // https://github.com/nodejs/node/blob/0a00217a5f67ef4a22384cfc80eb6dd9a917fdc1/lib/internal/tty.js#L109
  // https://github.com/chalk/supports-color/blob/c214314a14bcb174b12b3014b2b0a8de375029ae/index.js#L33
  // (https://force-color.org recent web page from 2023, does not match major javascript implementations)

  if (
    external_node_process_namespaceObject.env.NO_COLOR ||
    external_node_process_namespaceObject.env.FORCE_COLOR === '0' ||
    external_node_process_namespaceObject.env.FORCE_COLOR === 'false'
  )
    return false;
  if (external_node_process_namespaceObject.env.FORCE_COLOR || external_node_process_namespaceObject.env.CLICOLOR_FORCE !== undefined)
    return true;
  return undefined;
}

;// CONCATENATED MODULE: ./node_modules/commander/index.js






const program = new command_Command();

const createCommand = (name) => new Command(name);
const createOption = (flags, description) =>
  new Option(flags, description);
const createArgument = (name, description) =>
  new Argument(name, description);

/**
 * Expose classes
 */






/***/ }),

/***/ 330:
/***/ ((module) => {

module.exports = {"rE":"0.1.0"};

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
