-- Drives the amllint Neovim plugin in a real headless Neovim against the real `amlls`:
-- detection, :help, 'omnifunc', diagnostics, completion, hover, a quick fix and fix-all. Run by neovim_test.sh,
-- which prepares the files and passes their paths in the environment.
local amlls = assert(os.getenv('AMLLS'), 'AMLLS not set')
local job = assert(os.getenv('JOB_FILE'))           -- iris job with `dispaly_name`
local plain = assert(os.getenv('PLAIN_FILE'))       -- YAML that is not Azure ML
local globbed = assert(os.getenv('GLOBBED_FILE'))   -- Azure ML spec without `$schema`, in specs/
local TIMEOUT = 10000

local failures = 0
local function log(msg)
  io.stdout:write(msg .. '\n')
end
local function check(ok, what, detail)
  if ok then
    log('ok   ' .. what)
  else
    failures = failures + 1
    log('FAIL ' .. what .. (detail and (': ' .. detail) or ''))
  end
  return ok
end
local function finish()
  log(failures == 0 and 'PASS' or (failures .. ' check(s) failed'))
  vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
end

local function line_index(bufnr, prefix)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:sub(1, #prefix) == prefix then
      return i - 1
    end
  end
  return nil
end

local function lsp_code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function find_diagnostic(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if lsp_code(d) == code then
      return d
    end
  end
  return nil
end

local function request(bufnr, method, params)
  local responses = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT)
  for _, r in pairs(responses or {}) do
    if r.err then
      return nil, vim.inspect(r.err)
    end
    return r.result
  end
  return nil, 'no response to ' .. method
end

-- On 0.7 a client counts as attached only once `initialize` has been answered.
local function wait_client(amllint, bufnr)
  vim.wait(TIMEOUT, function()
    return amllint.get_client(bufnr) ~= nil
  end, 10)
  return amllint.get_client(bufnr)
end

local function hover_text(result)
  local parts = {}
  for _, line in ipairs(vim.lsp.util.convert_input_to_markdown_lines(result.contents)) do
    table.insert(parts, line)
  end
  return table.concat(parts, '\n')
end

local ok, err = pcall(function()
  vim.cmd('filetype on')
  local amllint = require('amllint')
  -- The rule level shows that `settings` reach the server (a misspelt binding is an error).
  amllint.setup({
    cmd = { amlls, '--stdio' },
    globs = { 'specs/*.yml' },
    settings = { rules = { ['malformed-binding'] = 'info' } },
  })

  -- Detection: a YAML file without an Azure ML `$schema` gets no server.
  vim.cmd('edit ' .. vim.fn.fnameescape(plain))
  check(vim.bo.filetype == 'yaml', 'the plain file is YAML', vim.bo.filetype)
  check(amllint.get_client(0) == nil, 'no server for YAML that is not Azure ML')
  check(vim.bo.omnifunc == '', 'no omnifunc for YAML that is not Azure ML', vim.bo.omnifunc)

  -- `:help amllint` finds the plugin's help through its shipped doc/tags.
  local help_ok, help_err = pcall(vim.cmd, 'help amllint')
  check(help_ok and vim.fn.expand('%:t') == 'amllint.txt'
      and vim.api.nvim_get_current_line():find('*amllint*', 1, true) ~= nil,
    ':help amllint opens the plugin help at its tag', tostring(help_err) .. ' ' .. vim.fn.expand('%:p'))
  if help_ok then
    vim.cmd('helpclose')
  end

  -- A spec without `$schema` attaches through the `globs` option.
  vim.cmd('edit ' .. vim.fn.fnameescape(globbed))
  check(wait_client(amllint, 0) ~= nil, 'a path matching a glob attaches the server')

  vim.cmd('edit ' .. vim.fn.fnameescape(job))
  local buf = vim.api.nvim_get_current_buf()
  local client = wait_client(amllint, buf)
  if not check(client ~= nil, 'the server attaches to a file with an Azure ML $schema') then
    return
  end
  -- 0.10+ sets it itself; before that <C-x><C-o> would do nothing without the plugin.
  check(vim.bo[buf].omnifunc == 'v:lua.vim.lsp.omnifunc', "'omnifunc' is the LSP's in an attached buffer",
    vim.bo[buf].omnifunc)

  -- Diagnostics: the misspelt key, on its own line.
  local bad_line = assert(line_index(buf, 'dispaly_name:'), 'the seeded fault is missing')
  local waited = vim.wait(TIMEOUT, function()
    return find_diagnostic(buf, 'unknown-key') ~= nil
  end, 20)
  local diag = find_diagnostic(buf, 'unknown-key')
  if not check(waited and diag ~= nil, 'an unknown-key diagnostic arrives',
      vim.inspect(vim.diagnostic.get(buf))) then
    return
  end
  check(diag.lnum == bad_line, 'the diagnostic is on the misspelt line',
    ('line %d, expected %d'):format(diag.lnum, bad_line))
  check(diag.message:find('display_name', 1, true) ~= nil, 'the message suggests display_name', diag.message)
  check(diag.severity == vim.diagnostic.severity.ERROR, 'an unknown key is an error', tostring(diag.severity))
  local others = vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })
  check(#others == 1, 'the valid rest of the corpus file has no other error', vim.inspect(others))

  -- Hover on the `compute` key explains it.
  local compute_line = assert(line_index(buf, 'compute:'))
  local hover, herr = request(buf, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = compute_line, character = 2 },
  })
  local htext = hover and hover_text(hover) or ''
  check(hover ~= nil and htext:lower():find('compute', 1, true) ~= nil,
    'hover on compute: describes the compute target', herr or htext)

  -- Completion of a top-level key typed at the end of the file.
  local last = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, last, last, false, { 'resou' })
  local completion, cerr = request(buf, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = last, character = 5 },
  })
  local labels = {}
  for _, item in ipairs(completion and (completion.items or completion) or {}) do
    labels[item.label] = true
  end
  check(labels['resources'] == true, 'completion offers the `resources` key',
    cerr or vim.inspect(vim.tbl_keys(labels)))
  vim.api.nvim_buf_set_lines(buf, last, last + 1, false, {})

  -- The quick fix renames the key; the server then withdraws the diagnostic.
  vim.wait(TIMEOUT, function()
    local d = find_diagnostic(buf, 'unknown-key')
    return d ~= nil and #vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR }) == 1
  end, 20)
  diag = find_diagnostic(buf, 'unknown-key')
  local actions, aerr = request(buf, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = diag.lnum, character = diag.col },
              ['end'] = { line = diag.end_lnum, character = diag.end_col } },
    context = { diagnostics = { diag.user_data.lsp } },
  })
  local rename, disable
  for _, a in ipairs(actions or {}) do
    if a.title:find('display_name', 1, true) and a.edit then
      rename = rename or a
    elseif a.title:find('Disable', 1, true) then
      disable = disable or a
    end
  end
  check(disable ~= nil, 'a quick fix offers `# amllint: disable=unknown-key`', aerr or vim.inspect(actions))
  if check(rename ~= nil, 'a quick fix renames to display_name', aerr or vim.inspect(actions)) then
    vim.lsp.util.apply_workspace_edit(rename.edit, client.offset_encoding or 'utf-16')
    local text = vim.api.nvim_buf_get_lines(buf, bad_line, bad_line + 1, false)[1]
    check(text == 'display_name: sklearn-iris-example', 'the fix rewrites the line', text)
    local cleared = vim.wait(TIMEOUT, function()
      return find_diagnostic(buf, 'unknown-key') == nil
    end, 20)
    check(cleared, 'the diagnostic goes away after the fix', vim.inspect(vim.diagnostic.get(buf)))
  end

  -- A misspelt binding (`input.C`): its fix `inputs` is a guess (unsafe), which :AmllintFixAll
  -- leaves alone; the legacy `$<<inputs.C>>` has a safe fix, which it applies.
  local expected = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local c_line = assert(line_index(buf, '  --C ${{inputs.C}}'))
  vim.api.nvim_buf_set_lines(buf, c_line, c_line + 1, false, { '  --C ${{input.C}}' })
  local seeded = vim.wait(TIMEOUT, function()
    return #vim.diagnostic.get(buf, { lnum = c_line }) > 0
  end, 20)
  local binding
  for _, d in ipairs(vim.diagnostic.get(buf, { lnum = c_line })) do
    if lsp_code(d) == 'malformed-binding' then
      binding = d
    end
  end
  check(seeded and binding ~= nil, 'the misspelt binding is reported on its line',
    vim.inspect(vim.diagnostic.get(buf)))
  check(binding and binding.severity == vim.diagnostic.severity.INFO,
    'the rule level from settings applies', binding and tostring(binding.severity))
  vim.cmd('AmllintFixAll')
  local kept = vim.api.nvim_buf_get_lines(buf, c_line, c_line + 1, false)[1]
  check(kept == '  --C ${{input.C}}', ':AmllintFixAll leaves the guessed rename alone', kept)
  vim.api.nvim_buf_set_lines(buf, c_line, c_line + 1, false, { '  --C $<<inputs.C>>' })
  local legacy = vim.wait(TIMEOUT, function()
    for _, d in ipairs(vim.diagnostic.get(buf, { lnum = c_line })) do
      if lsp_code(d) == 'legacy-binding-syntax' then
        return true
      end
    end
    return false
  end, 20)
  check(legacy, 'the legacy binding is reported on its line', vim.inspect(vim.diagnostic.get(buf)))
  vim.cmd('AmllintFixAll')
  local after = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  check(vim.deep_equal(after, expected), ':AmllintFixAll restores the binding', after[c_line + 1])

  -- :AmllintRestart replaces the server, which analyses the buffer again.
  vim.api.nvim_buf_set_lines(buf, c_line, c_line + 1, false, { '  --C ${{input.C}}' })
  local old_id = client.id
  vim.cmd('AmllintRestart')
  local restarted = vim.wait(TIMEOUT, function()
    local c = amllint.get_client(buf)
    return c ~= nil and c.id ~= old_id and #vim.diagnostic.get(buf, { lnum = c_line }) > 0
  end, 20)
  check(restarted, ':AmllintRestart attaches a new server that reports the buffer again')

  -- The nvim-lspconfig definition: a root folder for Azure ML files, nothing for other YAML.
  local root_dir = require('amllint.lspconfig').default_config({ 'specs/*.yml' }).root_dir
  check(root_dir(job, buf) == vim.fn.fnamemodify(job, ':p:h'), 'lspconfig root_dir for the job file')
  check(root_dir(globbed) ~= nil, 'lspconfig root_dir for a globbed file')
  check(root_dir(plain) == nil, 'lspconfig root_dir is nil for YAML that is not Azure ML')

  -- The runtime config for `vim.lsp.enable('amllint')` on 0.11+: the same decision.
  local runtime = dofile(vim.api.nvim_get_runtime_file('lsp/amllint.lua', false)[1])
  local root
  runtime.root_dir(buf, function(dir) root = dir end)
  check(root == vim.fn.fnamemodify(job, ':p:h'), 'lsp/amllint.lua gives the job file a root', tostring(root))
  vim.cmd('edit ' .. vim.fn.fnameescape(plain))
  root = nil
  runtime.root_dir(vim.api.nvim_get_current_buf(), function(dir) root = dir end)
  check(root == nil, 'lsp/amllint.lua gives other YAML no root', tostring(root))
end)
check(ok, 'the test ran without a Lua error', tostring(err))
finish()
