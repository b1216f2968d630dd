using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderNo = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    WorkOrderNo = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Metal = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ProcessedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    EndTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    ProductName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 28, scale: 8, nullable: false),
                    QuantityUnit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MixRatioPercent = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    AreaCm2 = table.Column<decimal>(type: "TEXT", precision: 28, scale: 6, nullable: true),
                    ThicknessUm = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    DensityKgPerM3 = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    PlatedMassKg = table.Column<decimal>(type: "TEXT", precision: 28, scale: 12, nullable: true),
                    EnergyMethod = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    InputsJson = table.Column<string>(type: "TEXT", nullable: false),
                    TotalKgCo2e = table.Column<decimal>(type: "TEXT", precision: 28, scale: 12, nullable: false),
                    ResultJson = table.Column<string>(type: "TEXT", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CalculatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkOrders_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_CompanyId_ProcessedOn",
                table: "WorkOrders",
                columns: new[] { "CompanyId", "ProcessedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_CompanyId_WorkOrderNo",
                table: "WorkOrders",
                columns: new[] { "CompanyId", "WorkOrderNo" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkOrders");
        }
    }
}
