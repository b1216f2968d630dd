using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddReductionPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReductionMeasures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CapexNtd = table.Column<decimal>(type: "TEXT", precision: 28, scale: 12, nullable: false),
                    AnnualOpexChangeNtd = table.Column<decimal>(type: "TEXT", precision: 28, scale: 12, nullable: false),
                    AnnualSavingsNtd = table.Column<decimal>(type: "TEXT", precision: 28, scale: 12, nullable: false),
                    AnnualAbatementTonnes = table.Column<decimal>(type: "TEXT", precision: 28, scale: 12, nullable: false),
                    StartYear = table.Column<int>(type: "INTEGER", nullable: false),
                    LifetimeYears = table.Column<int>(type: "INTEGER", nullable: false),
                    RampYears = table.Column<int>(type: "INTEGER", nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReductionMeasures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReductionMeasures_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReductionPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BaseYear = table.Column<int>(type: "INTEGER", nullable: true),
                    BaseYearTonnes = table.Column<decimal>(type: "TEXT", precision: 28, scale: 12, nullable: true),
                    Boundary = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RateCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CustomRate = table.Column<decimal>(type: "TEXT", precision: 28, scale: 12, nullable: true),
                    TargetYears = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DiscountRate = table.Column<decimal>(type: "TEXT", precision: 28, scale: 12, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReductionPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReductionPlans_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReductionMeasures_CompanyId",
                table: "ReductionMeasures",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_ReductionPlans_CompanyId",
                table: "ReductionPlans",
                column: "CompanyId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReductionMeasures");

            migrationBuilder.DropTable(
                name: "ReductionPlans");
        }
    }
}
