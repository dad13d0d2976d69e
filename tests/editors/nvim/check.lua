-- Checks run inside a real headless Neovim that was started with the user configuration from
-- docs/editors.md as its init.lua (see run.sh). Works on Neovim 0.7 and 0.11.
--
-- Environment: FUNCLS_T_APP (the example app), FUNCLS_T_RESULT (where PASS/FAIL lines go),
-- FUNCLS_T_TIMEOUT_MS (wait per check, default 20000).
-- Exit status: 0 when every check passed.

local app = assert(os.getenv('FUNCLS_T_APP'), 'FUNCLS_T_APP is not set')
local out = assert(io.open(assert(os.getenv('FUNCLS_T_RESULT'), 'FUNCLS_T_RESULT is not set'), 'w'))
local timeout = tonumber(os.getenv('FUNCLS_T_TIMEOUT_MS') or '') or 20000
local failures = 0

local function check(name, ok, detail)
  out:write(('%s  %s%s\n'):format(ok and 'PASS' or 'FAIL', name, detail and (': ' .. detail) or ''))
  out:flush()
  if not ok then
    failures = failures + 1
  end
  return ok
end

local function info(text)
  out:write('info  ' .. text .. '\n')
  out:flush()
end

local function buf_clients(buf)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = buf })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(buf))
end

local function all_clients()
  return (vim.lsp.get_clients or vim.lsp.get_active_clients)()
end

local function realpath(p)
  return (vim.loop.fs_realpath(p) or p):gsub('/$', '')
end

local function one_line(s)
  return (tostring(s):gsub('%s+', ' '))
end

local function describe(diagnostics)
  local parts = {}
  for _, d in ipairs(diagnostics) do
    parts[#parts + 1] = ('%d:%d %s %s'):format(d.lnum + 1, d.col + 1, tostring(d.code or ''), one_line(d.message))
  end
  return #parts > 0 and table.concat(parts, ' | ') or 'none'
end

-- A second function that is never opened: its function.json has a five-field schedule (FUNC130).
local function write_unopened_function()
  local folder = app .. '/NightlyJob'
  vim.fn.mkdir(folder, 'p')
  local json = assert(io.open(folder .. '/function.json', 'w'))
  json:write('{\n  "bindings": [\n    {\n      "name": "timer",\n      "type": "timerTrigger",\n'
    .. '      "direction": "in",\n      "schedule": "0 2 * * *"\n    }\n  ]\n}\n')
  json:close()
  local script = assert(io.open(folder .. '/__init__.py', 'w'))
  script:write('import azure.functions as func\n\n\ndef main(timer: func.TimerRequest) -> None:\n    pass\n')
  script:close()
  return folder .. '/function.json'
end

-- 5. after the initial scan, the unopened function.json holds its diagnostic (pushed, since
-- Neovim does not pull workspace diagnostics), without a loaded buffer.
local function check_unopened(path)
  local found, buf
  vim.wait(timeout, function()
    buf = vim.fn.bufnr(path)
    if buf == -1 then
      return false
    end
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'FUNC130' then
        found = d
        return true
      end
    end
    return false
  end, 50)
  check('unopened NightlyJob/function.json has its FUNC130 diagnostic after the scan', found ~= nil,
    buf ~= -1 and describe(vim.diagnostic.get(buf)) or 'no buffer for it')
  if found then
    check('that buffer was never loaded (the file is not open)', not vim.api.nvim_buf_is_loaded(buf))
    check('the diagnostic is on the schedule line (7)', found.lnum == 6, tostring(found.lnum + 1))
  end
end

local function main()
  local nvim = vim.version()
  info(('nvim %d.%d.%d'):format(nvim.major, nvim.minor, nvim.patch))
  local unopened = write_unopened_function()
  local file = app .. '/HttpTrigger/function.json'
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  check('filetype of function.json', vim.bo[buf].filetype == 'json', vim.bo[buf].filetype)

  -- 1. the configuration starts funcls for the buffer, rooted at the app (host.json).
  local client
  vim.wait(timeout, function()
    for _, c in ipairs(buf_clients(buf)) do
      if c.name == 'funcls' and c.server_capabilities and next(c.server_capabilities) then
        client = c
        return true
      end
    end
    return false
  end, 20)
  if not check('funcls attached and initialised', client ~= nil) then
    return
  end
  local server = client.server_info
  info(('server %s, offset encoding %s'):format(server and (server.name .. ' ' .. tostring(server.version)) or 'info not kept by this Neovim', tostring(client.offset_encoding)))
  local root = client.config.root_dir
  check('root is the app folder (host.json)', root ~= nil and realpath(root) == realpath(app), tostring(root))

  -- 2. a funcls diagnostic on the authLevel line.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local auth_line, type_line
  for i, line in ipairs(lines) do
    if not auth_line and line:find('"authLevel"', 1, true) then
      auth_line = i - 1
    end
    if not type_line and line:find('"type": "httpTrigger"', 1, true) then
      type_line = i - 1
    end
  end
  assert(auth_line and type_line, 'the example function.json changed: no authLevel or httpTrigger line')
  local found
  vim.wait(timeout, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.lnum == auth_line and d.message:find('nobody', 1, true) then
        found = d
        return true
      end
    end
    return false
  end, 20)
  if not check('diagnostic on the authLevel line mentions nobody', found ~= nil,
      found and ('%s %s'):format(tostring(found.code), one_line(found.message)) or describe(vim.diagnostic.get(buf))) then
    return
  end
  check('the diagnostic comes from funcls', found.source == 'funcls', tostring(found.source))

  -- 3. push or pull: which namespace holds it tells which way the diagnostic came.
  local offered = client.server_capabilities.diagnosticProvider ~= nil
  local mode = 'push'
  if nvim.minor >= 10 or nvim.major > 0 then
    local pull_ns = vim.lsp.diagnostic.get_namespace(client.id, true)
    if found.namespace == pull_ns then
      mode = 'pull'
    end
  end
  info(('server offers pull diagnostics: %s; diagnostics arrived by %s'):format(tostring(offered), mode))
  if nvim.major == 0 and nvim.minor >= 11 then
    check('Neovim 0.11 pulled the diagnostics (textDocument/diagnostic)', mode == 'pull', mode)
  else
    check('diagnostics were pushed (publishDiagnostics)', mode == 'push', mode)
  end

  -- 4. completion of a binding type: empty the "type" value, ask inside the quotes.
  local text = '      "type": "",'
  vim.api.nvim_buf_set_lines(buf, type_line, type_line + 1, false, { text })
  local character = text:find('""', 1, true) -- 1-based index of the first quote = 0-based inside
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = type_line, character = character },
    context = { triggerKind = 1 },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, timeout)
  local response = responses and responses[client.id]
  local items = {}
  if response and response.result then
    items = response.result.items or response.result
  end
  local labels = {}
  local offered_http = false
  for _, item in ipairs(items) do
    labels[#labels + 1] = item.label
    local insert = item.insertText or (item.textEdit and item.textEdit.newText) or item.label
    if item.label == 'httpTrigger' or insert:find('httpTrigger', 1, true) then
      offered_http = true
    end
  end
  local detail = response and response.err and ('error ' .. one_line(vim.inspect(response.err)))
    or ('%d items: %s'):format(#labels, table.concat(vim.list_slice(labels, 1, 8), ', '))
  check('completion inside "type": "" offers httpTrigger', offered_http, detail)

  check_unopened(unopened)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  check('driver ran without a Lua error', false, one_line(err))
end
out:close()

-- Stop the server the way the editor does on exit, and make sure it went away.
local ids = {}
for _, c in ipairs(all_clients()) do
  ids[#ids + 1] = c.id
end
if #ids > 0 then
  vim.lsp.stop_client(ids)
  vim.wait(5000, function()
    return #all_clients() == 0
  end, 20)
end
vim.cmd(failures == 0 and 'qall!' or 'cquit!')
