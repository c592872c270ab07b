import { defineConfig } from 'tsup'
import { packageBuild } from '../../tsup.base.js'

export default defineConfig(packageBuild(['src/bin.ts'], { dts: false, banner: { js: '#!/usr/bin/env node' } }))
