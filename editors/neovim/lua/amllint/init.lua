-- amllint for Neovim: starts the `amlls` language server for Azure ML spec files and attaches
-- it. Neovim 0.11+ goes through `vim.lsp.config`/`vim.lsp.enable`, 0.8–0.10 through
-- `vim.lsp.start`, and 0.7 through `vim.lsp.start_client`, so one `setup()` works on all.
local detect = require('amllint.detect')

local M = {}

M.defaults = {
  -- The server command line; `amlls` must be on PATH unless this names it.
  cmd = { 'amlls', '--stdio' },
  -- Filetypes to look at; only those that are Azure ML files (by `$schema` or `globs`) attach.
  filetypes = { 'yaml' },
  -- Paths that are Azure ML specs even without a `$schema`, e.g. { 'jobs/**/*.yml' }.
  globs = {},
  -- Sent as `initializationOptions` and, under `amllint`, in `workspace/didChangeConfiguration`,
  -- e.g. { rules = { ['missing-display-name'] = 'off' } }. Rules replace `.amllint.yaml`.
  settings = {},
  -- Called with (client, bufnr) when the server attaches to a buffer.
  on_attach = nil,
  capabilities = nil,
}

M.config = vim.deepcopy(M.defaults)

local function has(version)
  return vim.fn.has('nvim-' .. version) == 1
end

-- 0.10 renamed the client queries; 0.11 made client methods take `self`.
local function clients(filter)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients(filter)
  end
  local found = {}
  local all = filter.bufnr and vim.lsp.buf_get_clients(filter.bufnr) or vim.lsp.get_active_clients()
  for _, client in pairs(all) do
    if client.name == filter.name then
      table.insert(found, client)
    end
  end
  return found
end

local function call(client, method, ...)
  if has('0.11') then
    return client[method](client, ...)
  end
  return client[method](...)
end

-- Neovim 0.10+ sets 'omnifunc' to the LSP's on attach; before that <C-x><C-o> would do
-- nothing unless the buffer gets it here. A value the user set is kept.
function M.set_omnifunc(bufnr)
  if not has('0.10') and vim.bo[bufnr].omnifunc == '' then
    vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc'
  end
end

local function on_attach(client, bufnr)
  M.set_omnifunc(bufnr)
  if M.config.on_attach then
    M.config.on_attach(client, bufnr)
  end
end

-- The server configuration every start path shares.
function M.client_config(root_dir)
  local c = M.config
  return {
    name = 'amllint',
    cmd = c.cmd,
    root_dir = root_dir,
    init_options = c.settings,
    settings = { amllint = c.settings },
    capabilities = c.capabilities,
    on_attach = on_attach,
  }
end

function M.should_attach(bufnr)
  if vim.bo[bufnr].buftype ~= '' then
    return false
  end
  if not vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype) then
    return false
  end
  return detect.is_azure_ml_buffer(bufnr, M.config.globs)
end

local function root_for(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return vim.fn.getcwd()
  end
  return detect.root_dir(name)
end

-- 0.7: one client per root folder, kept here since `vim.lsp.start` does not exist yet.
local clients_by_root = {}

local function start_0_7(bufnr)
  local root = root_for(bufnr)
  local id = clients_by_root[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or call(client, 'is_stopped') then
    id = vim.lsp.start_client(M.client_config(root))
    if not id then
      return nil
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

local function start_0_8(bufnr)
  if has('0.9') then
    return vim.lsp.start(M.client_config(root_for(bufnr)), { bufnr = bufnr })
  end
  -- 0.8 attaches to the current buffer only.
  local id
  vim.api.nvim_buf_call(bufnr, function()
    id = vim.lsp.start(M.client_config(root_for(bufnr)))
  end)
  return id
end

-- Starts (or reuses) the server for `bufnr` if it is an Azure ML file; returns the client id.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if not M.should_attach(bufnr) then
    return nil
  end
  if has('0.8') then
    return start_0_8(bufnr)
  end
  return start_0_7(bufnr)
end

function M.get_client(bufnr)
  if bufnr == nil or bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  return clients({ name = 'amllint', bufnr = bufnr })[1]
end

-- Applies every safe fix of the buffer at once (the server's `source.fixAll.amllint` action).
function M.fix_all(bufnr, timeout_ms)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = M.get_client(bufnr)
  if not client then
    vim.notify('amllint: the server is not attached to this buffer', vim.log.levels.WARN)
    return false
  end
  local last = vim.api.nvim_buf_line_count(bufnr)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { 'source.fixAll.amllint' } },
  }
  local response = call(client, 'request_sync', 'textDocument/codeAction', params, timeout_ms or 3000, bufnr)
  if not response or response.err then
    vim.notify('amllint: fix all failed: ' .. vim.inspect(response and response.err), vim.log.levels.ERROR)
    return false
  end
  for _, action in ipairs(response.result or {}) do
    if action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
      return true
    end
  end
  vim.notify('amllint: nothing to fix', vim.log.levels.INFO)
  return false
end

-- Stops the server and attaches a fresh one to every Azure ML buffer.
function M.restart()
  local buffers = {}
  for _, client in ipairs(clients({ name = 'amllint' })) do
    for bufnr in pairs(client.attached_buffers or {}) do
      table.insert(buffers, bufnr)
    end
    call(client, 'stop')
  end
  clients_by_root = {}
  -- The old process needs a moment to exit; attaching meanwhile would reuse the dying client.
  vim.defer_fn(function()
    for _, bufnr in ipairs(buffers) do
      if vim.api.nvim_buf_is_valid(bufnr) then
        M.attach(bufnr)
      end
    end
  end, 500)
end

local function enable_0_11()
  vim.lsp.config('amllint', {
    cmd = M.config.cmd,
    filetypes = M.config.filetypes,
    init_options = M.config.settings,
    settings = { amllint = M.config.settings },
    capabilities = M.config.capabilities,
    on_attach = M.config.on_attach,
    -- Not calling `on_dir` keeps the server away from YAML that is not Azure ML.
    root_dir = function(bufnr, on_dir)
      if M.should_attach(bufnr) then
        on_dir(root_for(bufnr))
      end
    end,
  })
  vim.lsp.enable('amllint')
end

local function enable_autocmd()
  local group = vim.api.nvim_create_augroup('amllint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  -- Buffers already open when setup() runs (e.g. a lazy-loaded plugin).
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      M.attach(bufnr)
    end
  end
end

function M.setup(opts)
  opts = opts or {}
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts)
  -- Lists replace the defaults rather than merge into them index by index.
  for _, key in ipairs({ 'cmd', 'filetypes', 'globs' }) do
    if opts[key] ~= nil then
      M.config[key] = opts[key]
    end
  end
  if type(M.config.cmd) == 'string' then
    M.config.cmd = { M.config.cmd, '--stdio' }
  end
  if has('0.11') then
    enable_0_11()
  else
    enable_autocmd()
  end
  vim.api.nvim_create_user_command('AmllintFixAll', function()
    M.fix_all(0)
  end, { desc = 'Apply every safe amllint fix in this buffer' })
  vim.api.nvim_create_user_command('AmllintRestart', function()
    M.restart()
  end, { desc = 'Restart the amllint language server' })
end

return M
