// Lets node run the TypeScript sources directly (node strips the types): the sources import their
// neighbours as `./x.js` (NodeNext), so a relative `.js` import that does not exist resolves to its `.ts`.
import { existsSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { fileURLToPath, URL } from 'node:url'

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.startsWith('file:')) {
      const js = new URL(specifier, context.parentURL)
      const ts = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL)
      if (!existsSync(fileURLToPath(js)) && existsSync(fileURLToPath(ts))) return nextResolve(ts.href, context)
    }
    return nextResolve(specifier, context)
  },
})
