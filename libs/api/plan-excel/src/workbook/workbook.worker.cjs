// Entry of the spreadsheet reader's worker thread. The API runs from TypeScript through an SWC
// require hook (tools/scripts/register.cjs), and the same holds under Jest; a worker thread starts
// with a fresh module system without that hook, so install it here, then load the TypeScript.
'use strict';
const path = require('node:path');

require(path.resolve(__dirname, '../../../../../tools/scripts/register.cjs'));
require('./workbook.worker.ts');
