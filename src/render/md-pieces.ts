// The shared pieces written as Markdown, for the job summary and the pull request comment. Pure.
import type { FixStep } from '../diagnosis/catalogue.js'
import { mdCode, mdLink, mdOwn, mdQuote, mdText, type MdOptions } from './markdown.js'
import { href, type Headline, type Inline, type RenderContext } from './pieces.js'

/** Parts as Markdown: the action's own text with its code, the rest shown literally. */
export function mdInline(parts: readonly Inline[], options: MdOptions = {}): string {
  return parts
    .map((part, index) => {
      if (typeof part === 'string') return mdOwn(part, { ...options, atStart: index === 0 })
      if ('code' in part) return mdCode(part.code, options)
      return mdText(part.text, { atStart: index === 0 })
    })
    .join('')
}

/** Parts as the plain text of a `<summary>` (no Markdown is read there): code loses its backticks. */
export function summaryText(parts: readonly Inline[]): string {
  return parts
    .map((part) => (typeof part === 'string' ? part.replace(/`/g, '') : 'code' in part ? part.code : part.text))
    .join('')
}

/** The fix as a numbered list, each step with its link. */
export function mdFixList(steps: readonly FixStep[], context: RenderContext): string {
  return steps
    .map((step, index) => {
      const url = step.link ? href(step.link.target, context) : undefined
      const link = step.link
        ? url
          ? ` (${mdLink(step.link.label, url)})`
          : ` (${mdText(step.link.label, { atStart: false })})`
        : ''
      return `${index + 1}. ${mdOwn(step.text)}${link}`
    })
    .join('\n')
}

/** The headline's title and what happened, under a heading of `level`. */
export function mdHeadline(head: Headline, level: '##' | '###', suffix = ''): string {
  const mark = head.ok ? '✅' : '❌'
  const blocks = [`${level} ${mark} ${mdInline(head.title)}${suffix}`]
  if (head.happened.length > 0) blocks.push(mdInline(head.happened))
  if (head.error !== undefined) blocks.push(mdQuote(head.error.split('\n')))
  return blocks.join('\n\n')
}
