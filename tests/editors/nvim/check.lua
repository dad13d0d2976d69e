-- Checks run inside a real headless Neovim that was started with the user configuration from
-- docs/editors.md as its init.lua (see run.sh). Works on Neovim 0.7 and 0.11.
--
-- Environment: FUNCLS_T_APP (the example app), FUNCLS_T_V2_APP (the v2 example app),
-- FUNCLS_T_RESULT (where PASS/FAIL lines go),
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


-- The position (0-based line, 0-based column) of `needle` in the buffer, plus `shift` columns
-- (the fixtures are ASCII, so every offset encoding gives the same column).
local function find_position(buf, needle, shift)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      return { line = i - 1, character = col - 1 + (shift or 0) }
    end
  end
  error('the v2 fixture changed: no ' .. needle)
end

local function request(buf, client, method, params)
  local responses = vim.lsp.buf_request_sync(buf, method, params, timeout)
  local response = responses and responses[client.id]
  if not response then
    return nil, 'no response'
  end
  if response.err then
    return nil, one_line(vim.inspect(response.err))
  end
  return response.result, nil
end

-- 6. a v2 app: a diagnostic on the decorator argument at fault, hover on a decorator,
-- definition from arg_name to the parameter, rename from arg_name keeping the parameter in step.
local function check_v2()
  local v2app = assert(os.getenv('FUNCLS_T_V2_APP'), 'FUNCLS_T_V2_APP is not set')
  vim.cmd('edit ' .. vim.fn.fnameescape(v2app .. '/function_app.py'))
  local buf = vim.api.nvim_get_current_buf()
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
  if not check('v2: funcls attached to function_app.py', client ~= nil) then
    return
  end
  local root = client.config.root_dir
  check('v2: root is the v2 app folder', root ~= nil and realpath(root) == realpath(v2app), tostring(root))

  local schedule = find_position(buf, '"0 2 * * *"', 0)
  local found
  vim.wait(timeout, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'FUNC130' then
        found = d
        return true
      end
    end
    return false
  end, 20)
  check('v2: FUNC130 on the five-field schedule argument', found ~= nil
      and found.lnum == schedule.line and found.source == 'funcls'
      -- on the string or inside its quotes
      and (found.col == schedule.character or found.col == schedule.character + 1),
    found and ('%d:%d %s'):format(found.lnum + 1, found.col + 1, tostring(found.source))
      or describe(vim.diagnostic.get(buf)))

  local uri = vim.uri_from_bufnr(buf)
  local hover, err = request(buf, client, 'textDocument/hover', {
    textDocument = { uri = uri }, position = find_position(buf, 'queue_trigger(', 3),
  })
  local value = hover and hover.contents and (hover.contents.value or vim.inspect(hover.contents)) or ''
  check('v2: hover on @app.queue_trigger documents the queueTrigger binding',
    value:find('queueTrigger', 1, true) ~= nil, err or one_line(value):sub(1, 120))

  local arg = find_position(buf, 'arg_name="msg"', 11)
  local parameter = find_position(buf, 'msg: func.QueueMessage', 0)
  local result
  result, err = request(buf, client, 'textDocument/definition', { textDocument = { uri = uri }, position = arg })
  local location = result and (result[1] or result)
  local range = location and (location.range or location.targetSelectionRange)
  check('v2: definition from arg_name="msg" reaches the parameter msg', range ~= nil
      and range.start.line == parameter.line and range.start.character == parameter.character,
    err or (range and ('%d:%d'):format(range.start.line + 1, range.start.character + 1)) or 'no location')

  result, err = request(buf, client, 'textDocument/rename', {
    textDocument = { uri = uri }, position = arg, newName = 'message',
  })
  if result then
    vim.lsp.util.apply_workspace_edit(result, client.offset_encoding)
  end
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  check('v2: rename from arg_name renames the parameter and its uses', result ~= nil
      and text:find('arg_name="message"', 1, true) ~= nil
      and text:find('def process(message: func.QueueMessage)', 1, true) ~= nil
      and text:find('message.get_body()', 1, true) ~= nil and text:find('msg', 1, true) == nil,
    err or one_line(text:sub(text:find('@app.queue_trigger', 1, true) or 1)):sub(1, 160))
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  check('driver ran without a Lua error', false, one_line(err))
end
ok, err = xpcall(check_v2, debug.traceback)
if not ok then
  check('v2 driver ran without a Lua error', false, one_line(err))
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
