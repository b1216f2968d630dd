using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Jobs;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Json;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>POST /api/v1/work-orders (and the work-order form): validate, calculate, store with its record.</summary>
public static class CreateWorkOrder
{
    internal static async Task<Results<Created<WorkOrderResponse>, ApiError>> Handle(HttpRequest http, TanpanDb db, TenantScope tenant, JobCalculator calculator, IMeteredEnergy meters, ApiJson json, TimeProvider clock, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<WorkOrderRequest>(http, json.Options, InputLimits.JobBodyBytes, ct);
        if (!body.Succeeded)
        {
            return body.Errors.ToApi();
        }

        var metered = await MeteredWorkOrders.ResolveAsync(body.Value, meters, ct);
        if (!metered.Succeeded)
        {
            return metered.Errors.ToApi();
        }

        var created = await ExecuteAsync(metered.Value.Request, db, tenant, calculator, clock, ct, metered.Value.Method);
        if (!created.Succeeded)
        {
            return created.Error!.ToApi();
        }

        var (row, record) = created.Value;
        return TypedResults.Created($"/api/v1/work-orders/{row.Id}", WorkOrderResponse.From(row, record, intact: true, certificate: null));
    }

    public static async Task<Result<(WorkOrder Row, StoredWorkOrder Record)>> ExecuteAsync(WorkOrderRequest request, TanpanDb db, TenantScope tenant, JobCalculator calculator, TimeProvider clock, CancellationToken ct, string? measuredMethod = null)
    {
        var prepared = Prepare(request, calculator, measuredMethod);
        if (!prepared.Succeeded)
        {
            return new Invalid(prepared.Errors);
        }

        var (input, result) = prepared.Value;
        if (await db.WorkOrders.AnyAsync(w => w.WorkOrderNo == input.WorkOrderNo, ct))
        {
            return WorkOrderErrors.DuplicateNumber(input.WorkOrderNo);
        }

        var (row, record) = NewRow(input, result, tenant, clock);
        db.WorkOrders.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another request created the same number between the check and the save.
            db.Entry(row).State = EntityState.Detached;
            return WorkOrderErrors.DuplicateNumber(input.WorkOrderNo);
        }

        return (row, record);
    }

    /// <summary>Validates and calculates without storing (shared with the import, which stores many at once).</summary>
    public static Outcome<(ValidWorkOrder Input, JobResult Result)> Prepare(WorkOrderRequest request, JobCalculator calculator, string? measuredMethod = null)
    {
        if (request.MeterWindow is not null)
        {
            // A window is resolved against the meters first (MeteredWorkOrders); one left here was not.
            return Outcome<(ValidWorkOrder, JobResult)>.Failure("meterWindow", "a meter window is taken by POST /api/v1/work-orders only");
        }

        var valid = WorkOrderInput.Validate(request);
        if (!valid.Succeeded)
        {
            return Outcome<(ValidWorkOrder, JobResult)>.Failure(valid.Errors);
        }

        if (measuredMethod is not null)
        {
            valid = Outcome<ValidWorkOrder>.Success(valid.Value with { MeasuredMethod = measuredMethod });
        }

        var outcome = calculator.Calculate(valid.Value.ToJob());
        if (!outcome.Succeeded)
        {
            return Outcome<(ValidWorkOrder, JobResult)>.Failure(outcome.Errors.Select(WorkOrderInput.ToRequestPath).ToArray());
        }

        // Columns keep 16 integer digits; no real job comes near 1e15 kg, so a larger total is an input mistake.
        if (outcome.Value.TotalKgCo2e > InputLimits.MaxQuantity)
        {
            return Outcome<(ValidWorkOrder, JobResult)>.Failure("processes", "the job's total exceeds 1e15 kgCO2e; check the quantities and units");
        }

        return Outcome<(ValidWorkOrder, JobResult)>.Success((valid.Value, outcome.Value));
    }

    public static (WorkOrder Row, StoredWorkOrder Record) NewRow(ValidWorkOrder input, JobResult result, TenantScope tenant, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var id = Guid.NewGuid();
        // The company is set now, not by the save interceptor: the record (and so its hash) includes it.
        var record = StoredWorkOrder.From(id, tenant.CompanyId, input, result, tenant.Actor, now, now);
        var row = new WorkOrder { Id = id, OrderNo = input.OrderNo, WorkOrderNo = input.WorkOrderNo, QuantityUnit = input.Unit.Code, EnergyMethod = input.EnergyMethod, ContentHash = string.Empty };
        WorkOrderRecords.Write(row, record);
        return (row, record);
    }
}
